using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DapPanel.Core.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class SessionsAndViewAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ViewKey",
                table: "AuditEvents",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SignInSessions",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Ticket = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInSessions", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_UserId_ViewKey",
                table: "AuditEvents",
                columns: new[] { "UserId", "ViewKey" },
                unique: true,
                filter: "\"ViewKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SignInSessions_ExpiresAt",
                table: "SignInSessions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_SignInSessions_UserId",
                table: "SignInSessions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignInSessions");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_UserId_ViewKey",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "ViewKey",
                table: "AuditEvents");
        }
    }
}
