using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Nightshift.Client;
using Nightshift.Core.Plans;
using Nightshift.Core.Tasks;
namespace Nightshift.Server.Api;

/// <summary>A human's verdict on the plan a plan-gated task waits with: approve it, or send it back with feedback.</summary>
public static class PlanEndpoints
{
    public static void MapPlanEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/tasks/{idOrName}/plan");
        group.MapPost("/approve", async (string idOrName, ApprovePlanRequest? request, TaskQueries queries, PlanGate gate, CancellationToken ct) =>
        {
            var task = await queries.FindAsync(idOrName, ct);
            await gate.ApproveAsync(task.Id, TaskEndpoints.Human, request?.Note, ct);
            return Dto.From(await queries.FindAsync(task.Id.ToString(), ct));
        });
        // The body is optional here so that a missing one gets the gate's own words on what to send, not a parser's.
        group.MapPost("/revise", async (string idOrName, RevisePlanRequest? request, TaskQueries queries, PlanGate gate, CancellationToken ct) =>
        {
            var task = await queries.FindAsync(idOrName, ct);
            await gate.ReviseAsync(task.Id, TaskEndpoints.Human, request?.Feedback ?? string.Empty, ct);
            return Dto.From(await queries.FindAsync(task.Id.ToString(), ct));
        });
    }
}
