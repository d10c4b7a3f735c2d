using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DapPanel.Core.Data.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Ethnicity",
                table: "VictimSurvivors",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Sex",
                table: "VictimSurvivors",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "NeedBehaviourAndAttitudes",
                table: "ReviewUpdates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedBenefitsDebtAndFinances",
                table: "ReviewUpdates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedChildrenFamiliesAndParenting",
                table: "ReviewUpdates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedEducationEmploymentAndTraining",
                table: "ReviewUpdates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedHousing",
                table: "ReviewUpdates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedMentalHealthAndWellbeing",
                table: "ReviewUpdates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedPhysicalHealth",
                table: "ReviewUpdates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedSocialisationAndCommunity",
                table: "ReviewUpdates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedSubstanceMisuseAlcohol",
                table: "ReviewUpdates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NeedSubstanceMisuseDrugs",
                table: "ReviewUpdates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AreaPopulationSource",
                table: "Panels",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AdverseChildhoodExperiences",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PerpetratorEthnicity",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PerpetratorSex",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AreaPopulationShares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PanelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Group = table.Column<int>(type: "INTEGER", nullable: false),
                    Percent = table.Column<decimal>(type: "TEXT", precision: 4, scale: 1, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NeedChildrenFamiliesAndParenting = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedSubstanceMisuseDrugs = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedSubstanceMisuseAlcohol = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedMentalHealthAndWellbeing = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedHousing = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedPhysicalHealth = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedEducationEmploymentAndTraining = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedBenefitsDebtAndFinances = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedSocialisationAndCommunity = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedBehaviourAndAttitudes = table.Column<int>(type: "INTEGER", nullable: false),
                    WrittenByPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseIntakeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VictimSurvivorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AbuseType = table.Column<int>(type: "INTEGER", nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
