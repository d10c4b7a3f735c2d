using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DapPanel.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiveRoomTrust : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CommandFingerprint",
                table: "MeetingChanges",
                type: "TEXT",
                maxLength: 44,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ApologiesSent",
                table: "Attendances",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CommandFingerprint",
                table: "MeetingChanges");

            migrationBuilder.DropColumn(
                name: "ApologiesSent",
                table: "Attendances");
        }
    }
}
