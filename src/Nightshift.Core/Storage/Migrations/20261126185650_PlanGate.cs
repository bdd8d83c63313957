using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nightshift.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class PlanGate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PlanApprovedAt",
                table: "tasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PlanText",
                table: "tasks",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PlanApprovedAt",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "PlanText",
                table: "tasks");
        }
    }
}
