using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Nightshift.Client;
using Nightshift.Core.Checks;
using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Api;

public static class ReviewEndpoints
{
    public static void MapReviewEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/tasks/{idOrName}/review", async (string idOrName, TaskQueries queries, TaskDiff diffs, CancellationToken ct) =>
        {
            var task = await queries.FindAsync(idOrName, ct);
            var events = await queries.EventsAsync(task.Id, 0, 100_000, ct);
            var runs = await queries.RunsAsync(task.Id, ct);
            var reviews = await queries.ReviewsAsync(task.Id, ct);
            var comments = await queries.CommentsAsync(task.Id, ct);
            var detail = Dto.Detail(task, runs, reviews, comments, []);
            // The agent's own summary rides on the Running → Verifying change of its latest run.
            var summary = events.LastOrDefault(e => e.Kind == EventKind.StateChanged && e.Message.StartsWith("Running → Verifying: ", StringComparison.Ordinal))
                ?.Message["Running → Verifying: ".Length..];
            var checks = events
                .Where(e => e.Kind == EventKind.Check && e.Data is not null)
                .Select(e => (Event: e, Result: JsonSerializer.Deserialize<CheckResult>(e.Data!)))
                .Where(x => x.Result is not null)
                .Select(x => new CheckResultDto(x.Result!.Command, x.Result.Commit, x.Result.ExitCode, x.Result.TimedOut, x.Result.Passed, x.Result.Duration, x.Result.OutputTail, x.Event.At))
                .ToList();
            var decisions = events.Where(e => e.Kind == EventKind.Decision).Select(e => e.Message).ToList();
            var flags = events.Where(e => e.Kind == EventKind.Flag).Select(e => e.Message).Distinct(StringComparer.Ordinal).ToList();
            var unchanged = FollowUpNotice.UnchangedFollowUp(runs, reviews);
            if (unchanged is not null)
            {
                flags.Insert(0, FollowUpNotice.Text(unchanged.Attempt));
            }
            return new ReviewBundleDto(detail, summary, decisions, checks, await diffs.DiffAsync(task, ct), flags) { UnchangedFollowUpRun = unchanged?.Attempt };
        });
    }
}
