using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nightshift.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class StateChangeFieldsAndRunSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "runs",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Summary",
                table: "runs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FromState",
                table: "events",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ToState",
                table: "events",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Trigger",
                table: "events",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            // State changes were recorded as prose, "From → To" or "From → To: reason": parsed here
            // once, so no reader parses it again. Only names of real states are taken; the arrow a
            // change took was not recorded, and stays unknown.
            migrationBuilder.Sql(ParseStateChanges);
            // The agent's summary was the reason of its run's last Running → Verifying change.
            migrationBuilder.Sql(RunSummaries);
            // What came of a finished run: where its last state change took the task.
            migrationBuilder.Sql(RunOutcomes);
        }

        private const string States =
            "('Queued','Planning','AwaitingPlanApproval','Running','NeedsInput','Verifying','InReview','ChangesRequested',"
            + "'Approved','Merging','Merged','Conflict','Failed','Cancelled','Blocked')";

        private const string ParseStateChanges = $"""
            WITH parsed AS (
                SELECT Id,
                       substr(Message, 1, instr(Message, ' → ') - 1) AS FromState,
                       substr(Message, instr(Message, ' → ') + 3) AS Rest
                FROM events
                WHERE Kind = 'state' AND instr(Message, ' → ') > 0
            ),
            split AS (
                SELECT Id, FromState,
                       CASE WHEN instr(Rest, ': ') > 0 THEN substr(Rest, 1, instr(Rest, ': ') - 1) ELSE Rest END AS ToState,
                       CASE WHEN instr(Rest, ': ') > 0 THEN substr(Rest, instr(Rest, ': ') + 2) END AS Reason
                FROM parsed
            )
            UPDATE events
            SET FromState = split.FromState, ToState = split.ToState, Reason = split.Reason
            FROM split
            WHERE events.Id = split.Id AND split.FromState IN {States} AND split.ToState IN {States};
            """;

        private const string RunSummaries = """
            UPDATE runs
            SET Summary = (
                SELECT e.Reason FROM events e
                WHERE e.RunId = runs.Id AND e.Kind = 'state' AND e.FromState = 'Running' AND e.ToState = 'Verifying'
                ORDER BY e.Seq DESC LIMIT 1)
            WHERE Summary IS NULL;
            """;

        private const string RunOutcomes = """
            UPDATE runs
            SET Outcome = coalesce((
                SELECT CASE e.ToState
                    WHEN 'InReview' THEN 'ReadyForReview'
                    WHEN 'AwaitingPlanApproval' THEN 'PlanReady'
                    WHEN 'Queued' THEN 'Retried'
                    WHEN 'Failed' THEN 'Failed'
                    WHEN 'Cancelled' THEN 'Cancelled'
                END
                FROM events e
                WHERE e.RunId = runs.Id AND e.Kind = 'state' AND e.ToState IS NOT NULL
                ORDER BY e.Seq DESC LIMIT 1),
                CASE State WHEN 'Cancelled' THEN 'Cancelled' END)
            WHERE Outcome IS NULL AND State <> 'Running';
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "Summary",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "FromState",
                table: "events");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "events");

            migrationBuilder.DropColumn(
                name: "ToState",
                table: "events");

            migrationBuilder.DropColumn(
                name: "Trigger",
                table: "events");
        }
    }
}
