using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nightshift.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AgentLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agent_limits",
                columns: table => new
                {
                    NodeId = table.Column<string>(type: "TEXT", nullable: false),
                    Agent = table.Column<string>(type: "TEXT", nullable: false),
                    ResetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResetKnown = table.Column<bool>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: false),
                    ReachedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agent_limits", x => new { x.NodeId, x.Agent });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_limits");
        }
    }
}
