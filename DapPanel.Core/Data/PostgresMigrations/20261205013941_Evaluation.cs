using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DapPanel.Core.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class Evaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "DateOfBirth",
                table: "VictimSurvivors",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Ethnicity",
                table: "VictimSurvivors",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Sex",
                table: "VictimSurvivors",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "NeedBehaviourAndAttitudes",
                table: "ReviewUpdates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedBenefitsDebtAndFinances",
                table: "ReviewUpdates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedChildrenFamiliesAndParenting",
                table: "ReviewUpdates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedEducationEmploymentAndTraining",
                table: "ReviewUpdates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedHousing",
                table: "ReviewUpdates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedMentalHealthAndWellbeing",
                table: "ReviewUpdates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedPhysicalHealth",
                table: "ReviewUpdates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedSocialisationAndCommunity",
                table: "ReviewUpdates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedSubstanceMisuseAlcohol",
                table: "ReviewUpdates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedSubstanceMisuseDrugs",
                table: "ReviewUpdates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AreaPopulationSource",
                table: "Panels",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AdverseChildhoodExperiences",
                table: "Cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PerpetratorEthnicity",
                table: "Cases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PerpetratorSex",
                table: "Cases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AreaPopulationShares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PanelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Group = table.Column<int>(type: "integer", nullable: false),
                    Percent = table.Column<decimal>(type: "numeric(4,1)", precision: 4, scale: 1, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AreaPopulationShares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AreaPopulationShares_Panels_PanelId",
                        column: x => x.PanelId,
                        principalTable: "Panels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseIntakes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NeedChildrenFamiliesAndParenting = table.Column<int>(type: "integer", nullable: false),
                    NeedSubstanceMisuseDrugs = table.Column<int>(type: "integer", nullable: false),
                    NeedSubstanceMisuseAlcohol = table.Column<int>(type: "integer", nullable: false),
                    NeedMentalHealthAndWellbeing = table.Column<int>(type: "integer", nullable: false),
                    NeedHousing = table.Column<int>(type: "integer", nullable: false),
                    NeedPhysicalHealth = table.Column<int>(type: "integer", nullable: false),
                    NeedEducationEmploymentAndTraining = table.Column<int>(type: "integer", nullable: false),
                    NeedBenefitsDebtAndFinances = table.Column<int>(type: "integer", nullable: false),
                    NeedSocialisationAndCommunity = table.Column<int>(type: "integer", nullable: false),
                    NeedBehaviourAndAttitudes = table.Column<int>(type: "integer", nullable: false),
                    WrittenByPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    WrittenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseIntakes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseIntakes_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntakeSeverities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseIntakeId = table.Column<Guid>(type: "uuid", nullable: false),
                    VictimSurvivorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AbuseType = table.Column<int>(type: "integer", nullable: false),
                    Severity = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntakeSeverities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntakeSeverities_CaseIntakes_CaseIntakeId",
                        column: x => x.CaseIntakeId,
                        principalTable: "CaseIntakes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IntakeSeverities_VictimSurvivors_VictimSurvivorId",
                        column: x => x.VictimSurvivorId,
                        principalTable: "VictimSurvivors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CaseManagerPersonId",
                table: "Cases",
                column: "CaseManagerPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_AreaPopulationShares_PanelId_Group",
                table: "AreaPopulationShares",
                columns: new[] { "PanelId", "Group" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseIntakes_CaseId",
                table: "CaseIntakes",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntakeSeverities_CaseIntakeId_VictimSurvivorId_AbuseType",
                table: "IntakeSeverities",
                columns: new[] { "CaseIntakeId", "VictimSurvivorId", "AbuseType" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntakeSeverities_VictimSurvivorId",
                table: "IntakeSeverities",
                column: "VictimSurvivorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AreaPopulationShares");

            migrationBuilder.DropTable(
                name: "IntakeSeverities");

            migrationBuilder.DropTable(
                name: "CaseIntakes");

            migrationBuilder.DropIndex(
                name: "IX_Cases_CaseManagerPersonId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "DateOfBirth",
                table: "VictimSurvivors");

            migrationBuilder.DropColumn(
                name: "Ethnicity",
                table: "VictimSurvivors");

            migrationBuilder.DropColumn(
                name: "Sex",
                table: "VictimSurvivors");

            migrationBuilder.DropColumn(
                name: "NeedBehaviourAndAttitudes",
                table: "ReviewUpdates");

            migrationBuilder.DropColumn(
                name: "NeedBenefitsDebtAndFinances",
                table: "ReviewUpdates");

            migrationBuilder.DropColumn(
                name: "NeedChildrenFamiliesAndParenting",
                table: "ReviewUpdates");

            migrationBuilder.DropColumn(
                name: "NeedEducationEmploymentAndTraining",
                table: "ReviewUpdates");

            migrationBuilder.DropColumn(
                name: "NeedHousing",
                table: "ReviewUpdates");

            migrationBuilder.DropColumn(
                name: "NeedMentalHealthAndWellbeing",
                table: "ReviewUpdates");

            migrationBuilder.DropColumn(
                name: "NeedPhysicalHealth",
                table: "ReviewUpdates");

            migrationBuilder.DropColumn(
                name: "NeedSocialisationAndCommunity",
                table: "ReviewUpdates");

            migrationBuilder.DropColumn(
                name: "NeedSubstanceMisuseAlcohol",
                table: "ReviewUpdates");

            migrationBuilder.DropColumn(
                name: "NeedSubstanceMisuseDrugs",
                table: "ReviewUpdates");

            migrationBuilder.DropColumn(
                name: "AreaPopulationSource",
                table: "Panels");

            migrationBuilder.DropColumn(
                name: "AdverseChildhoodExperiences",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PerpetratorEthnicity",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PerpetratorSex",
                table: "Cases");
        }
    }
}
