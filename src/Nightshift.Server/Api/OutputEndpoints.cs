using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Api;

/// <summary>
/// A run's printed output as its node kept it: all of it (up to the node's file limit), also the
/// lines the run's output limit kept out of the event log.
/// </summary>
public static class OutputEndpoints
{
    public static void MapOutputEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/tasks/{idOrName}/output", async (string idOrName, int? attempt, TaskQueries queries, NightshiftHome home, CancellationToken ct) =>
        {
            var task = await queries.FindAsync(idOrName, ct);
            var runs = await queries.RunsAsync(task.Id, ct);
            var run = attempt is { } a
                ? runs.FirstOrDefault(r => r.Attempt == a)
                    ?? throw new ArgumentException($"Task {task.Id} has no run {a}; its runs are {(runs.Count == 0 ? "none yet" : string.Join(", ", runs.Select(r => r.Attempt.ToString(CultureInfo.InvariantCulture))))}.")
                : runs.OrderByDescending(r => r.Attempt).FirstOrDefault();
            var path = run is null ? null : home.RunOutputPath(run.Id.Value);
            if (path is null || !File.Exists(path))
            {
                return Results.Text(string.Empty, "text/plain; charset=utf-8");
            }
            // Shared for writing: a running run is still appending to it.
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 64 * 1024, useAsync: true);
            return Results.Stream(file, "text/plain; charset=utf-8");
        });
}
