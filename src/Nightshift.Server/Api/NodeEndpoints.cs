using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Nightshift.Server.Api;

/// <summary>The worker nodes, and why queued work is not starting.</summary>
public static class NodeEndpoints
{
    public static void MapNodeEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/nodes", (ApiReader reader, CancellationToken ct) => reader.GetNodesAsync(ct));
}
