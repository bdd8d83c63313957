using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Nightshift.Server.Api;

/// <summary>
/// A run's printed output as its node kept it: all of it (up to the node's file limit), also the
/// lines the run's output limit kept out of the event log.
/// </summary>
public static class OutputEndpoints
{
    public static void MapOutputEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/tasks/{idOrName}/output", async (string idOrName, int? attempt, ApiReader reader, CancellationToken ct) =>
        {
            if (await reader.RunOutputPathAsync(idOrName, attempt, ct) is not { } path)
            {
                return Results.Text(string.Empty, "text/plain; charset=utf-8");
            }
            // Shared for writing: a running run is still appending to it.
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 64 * 1024, useAsync: true);
            return Results.Stream(file, "text/plain; charset=utf-8");
        });
}
