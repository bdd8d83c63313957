using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Nightshift.Client;
using Nightshift.Core.Dispatch;

namespace Nightshift.Server.Api;

/// <summary>The worker nodes, and why queued work is not starting.</summary>
public static class NodeEndpoints
{
    public static void MapNodeEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/nodes", async (NodeRegistry registry, QueueHolds holds, CancellationToken ct) =>
        {
            var nodes = await registry.ListAsync(ct);
            return new NodesStatusDto(
                [.. nodes.Select(n => new NodeDto(n.Id, n.Version, registry.IsAlive(n), n.Draining, n.PausedReason, n.StartedAt, n.LastHeartbeatAt, n.StoppedAt))],
                [.. (await holds.CurrentAsync(ct)).Select(Dto.From)]);
        });
}
