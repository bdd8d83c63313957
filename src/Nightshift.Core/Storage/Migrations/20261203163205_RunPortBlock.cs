using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nightshift.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class RunPortBlock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PortBase",
                table: "runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_runs_PortBase",
                table: "runs",
                column: "PortBase",
                unique: true,
                filter: "\"State\" = 'Running' AND \"PortBase\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_runs_PortBase",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "PortBase",
                table: "runs");
        }
    }
}
