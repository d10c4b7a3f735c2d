using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DapPanel.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class GoLive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ArchivedAt",
                table: "Panels",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UsualLocation",
                table: "Panels",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UsualOnlineLink",
                table: "Panels",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CaseManagerPersonId",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PanelId",
                table: "Cases",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Cases already kept belong to the panel that last heard them, else to the first panel.
            migrationBuilder.Sql(@"UPDATE ""Cases"" SET ""PanelId"" = COALESCE(
    (SELECT m.""PanelId"" FROM ""AgendaItems"" i JOIN ""Meetings"" m ON m.""Id"" = i.""MeetingId"" WHERE i.""CaseId"" = ""Cases"".""Id"" ORDER BY m.""StartsAt"" DESC LIMIT 1),
    (SELECT p.""Id"" FROM ""Panels"" p ORDER BY p.""Name"" LIMIT 1),
    ""PanelId"");");

            migrationBuilder.CreateTable(
                name: "BackupRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BackupRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SetupTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    AdministratorEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SetupTokens", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_PanelId_Status",
                table: "Cases",
                columns: new[] { "PanelId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_BackupRecords_TakenAt",
                table: "BackupRecords",
                column: "TakenAt");

            migrationBuilder.CreateIndex(
                name: "IX_SetupTokens_TokenHash",
                table: "SetupTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Cases_Panels_PanelId",
                table: "Cases",
                column: "PanelId",
                principalTable: "Panels",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Cases_Panels_PanelId",
                table: "Cases");

            migrationBuilder.DropTable(
                name: "BackupRecords");

            migrationBuilder.DropTable(
                name: "SetupTokens");

            migrationBuilder.DropIndex(
                name: "IX_Cases_PanelId_Status",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "Panels");

            migrationBuilder.DropColumn(
                name: "UsualLocation",
                table: "Panels");

            migrationBuilder.DropColumn(
                name: "UsualOnlineLink",
                table: "Panels");

            migrationBuilder.DropColumn(
                name: "CaseManagerPersonId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PanelId",
                table: "Cases");
        }
    }
}
