using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DapPanel.Core.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class NeedToKnowAndSharingAgreement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SharesVictimDetails",
                table: "PanelMemberships",
                type: "boolean",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AgreementAcknowledgements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PanelId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgreementNumber = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementAcknowledgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgreementAcknowledgements_Panels_PanelId",
                        column: x => x.PanelId,
                        principalTable: "Panels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AgreementAcknowledgements_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InformationSharingAgreements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PanelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InformationSharingAgreements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InformationSharingAgreements_Panels_PanelId",
                        column: x => x.PanelId,
                        principalTable: "Panels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgreementAcknowledgements_PanelId_AgreementNumber_PersonId",
                table: "AgreementAcknowledgements",
                columns: new[] { "PanelId", "AgreementNumber", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgreementAcknowledgements_PersonId",
                table: "AgreementAcknowledgements",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_InformationSharingAgreements_PanelId_Number",
                table: "InformationSharingAgreements",
                columns: new[] { "PanelId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgreementAcknowledgements");

            migrationBuilder.DropTable(
                name: "InformationSharingAgreements");

            migrationBuilder.DropColumn(
                name: "SharesVictimDetails",
                table: "PanelMemberships");
        }
    }
}
