using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Nightshift.Client;
using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Api;

public static class ReviewEndpoints
{
    public static void MapReviewEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/tasks/{idOrName}/review", async (string idOrName, TaskQueries queries, TaskDiff diffs, CancellationToken ct) =>
        {
            var bundle = await ReviewBundle.LoadAsync(queries, idOrName, ct);
            var detail = Dto.Detail(bundle.Task, bundle.Runs, bundle.Reviews, bundle.Comments, []);
            var checks = bundle.Checks
                .Select(c => new CheckResultDto(c.Result.Command, c.Result.Commit, c.Result.ExitCode, c.Result.TimedOut, c.Result.Passed, c.Result.Duration, c.Result.OutputTail, c.At))
                .ToList();
            var decisions = bundle.Decisions.Select(d => d.Text).ToList();
            return new ReviewBundleDto(detail, bundle.Summary, decisions, checks, await diffs.DiffAsync(bundle.Task, ct), bundle.Flags)
            {
                UnchangedFollowUpRun = bundle.UnchangedFollowUp?.Attempt,
            };
        });
    }
}
