using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DapPanel.Core.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class Attendance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Interventions_ReviewUpdateId",
                table: "Interventions");

            migrationBuilder.DropIndex(
                name: "IX_Actions_AgendaItemId",
                table: "Actions");

            migrationBuilder.AddColumn<string>(
                name: "ConfidentialityStatement",
                table: "Panels",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: DapPanel.Core.Domain.Panel.DefaultConfidentialityStatement);

            migrationBuilder.AddColumn<int>(
                name: "QuorumCoreAgencies",
                table: "Panels",
                type: "integer",
                nullable: false,
                defaultValue: DapPanel.Core.Domain.Panel.DefaultQuorum);

            migrationBuilder.AddColumn<bool>(
                name: "IsConfirmed",
                table: "Attendances",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "Attendances",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SeniorContactEmail",
                table: "Agencies",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SeniorContactName",
                table: "Agencies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AttendanceSummariesSent",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    RecipientEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttendanceSummariesSent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AttendanceSummariesSent_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConfidentialityAcknowledgements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Statement = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConfidentialityAcknowledgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConfidentialityAcknowledgements_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConfidentialityAcknowledgements_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewUpdates_Insight",
                table: "ReviewUpdates",
                columns: new[] { "AgendaItemId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Levers_Insight",
                table: "Levers",
                columns: new[] { "MeetingId", "IsWithdrawn", "Family", "Area", "AgencyId" });

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_Insight",
                table: "Interventions",
                columns: new[] { "ReviewUpdateId", "Kind", "AgencyId" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_Insight",
                table: "Decisions",
                columns: new[] { "AgendaItemId", "Outcome", "ClosureReason" });

            migrationBuilder.CreateIndex(
                name: "IX_Attendances_Insight",
                table: "Attendances",
                columns: new[] { "MeetingId", "IsObserver", "AgencyId", "Status", "JoinedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_Insight",
                table: "AgendaItems",
                columns: new[] { "MeetingId", "IsDeferred", "Kind", "CaseId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Actions_Insight",
                table: "Actions",
                columns: new[] { "AgendaItemId", "OwnerAgencyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceSummariesSent_AgencyId_Month",
                table: "AttendanceSummariesSent",
                columns: new[] { "AgencyId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConfidentialityAcknowledgements_MeetingId_PersonId",
                table: "ConfidentialityAcknowledgements",
                columns: new[] { "MeetingId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConfidentialityAcknowledgements_PersonId",
                table: "ConfidentialityAcknowledgements",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttendanceSummariesSent");

            migrationBuilder.DropTable(
                name: "ConfidentialityAcknowledgements");

            migrationBuilder.DropIndex(
                name: "IX_ReviewUpdates_Insight",
                table: "ReviewUpdates");

            migrationBuilder.DropIndex(
                name: "IX_Levers_Insight",
                table: "Levers");

            migrationBuilder.DropIndex(
                name: "IX_Interventions_Insight",
                table: "Interventions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_Insight",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Attendances_Insight",
                table: "Attendances");

            migrationBuilder.DropIndex(
                name: "IX_AgendaItems_Insight",
                table: "AgendaItems");

            migrationBuilder.DropIndex(
                name: "IX_Actions_Insight",
                table: "Actions");

            migrationBuilder.DropColumn(
                name: "ConfidentialityStatement",
                table: "Panels");

            migrationBuilder.DropColumn(
                name: "QuorumCoreAgencies",
                table: "Panels");

            migrationBuilder.DropColumn(
                name: "IsConfirmed",
                table: "Attendances");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "Attendances");

            migrationBuilder.DropColumn(
                name: "SeniorContactEmail",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "SeniorContactName",
                table: "Agencies");

            migrationBuilder.CreateIndex(
                name: "IX_Interventions_ReviewUpdateId",
                table: "Interventions",
                column: "ReviewUpdateId");

            migrationBuilder.CreateIndex(
                name: "IX_Actions_AgendaItemId",
                table: "Actions",
                column: "AgendaItemId");
        }
    }
}
