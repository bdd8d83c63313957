using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Client;
using Nightshift.Core.Comments;
using Nightshift.Core.Reviews;
using Nightshift.Core.Runs;
using Nightshift.Core.Tasks;
namespace Nightshift.Server.Api;

public static class TaskEndpoints
{
    /// <summary>Who the API acts for. One token means one user for now; the name is what reviews and comments record.</summary>
    public const string Human = "you";

    public static RouteGroupBuilder MapTaskEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/tasks");
        // One page of tasks in id order, without spec or plan text (read one task for those): a
        // full page means there may be more, asked for with after = the last id. The filter is the
        // board's and the CLI's (TaskFilter), applied before the page is cut.
        group.MapGet("/", async (string? state, string? project, string? label, string? agent, long? after, int? limit, ApiReader reader, CancellationToken ct) =>
        {
            var filter = TaskFilter.Parse(state, project, label, agent);
            if (limit is < 1 or > TaskQueries.MaxPageSize)
            {
                throw new ArgumentException($"limit={limit} is out of range; ask for 1 to {TaskQueries.MaxPageSize} tasks a page.");
            }
            if (after is < 0)
            {
                throw new ArgumentException($"after={after} is not a task id; give the last id of the previous page, or leave it out for the first page.");
            }
            return await reader.ListTasksAsync(filter, after ?? 0, limit ?? TaskQueries.MaxPageSize, ct);
        });
        group.MapPost("/", async (AddTaskRequest request, TaskIntake intake, CancellationToken ct) =>
        {
            var task = await intake.AddAsync(request.Project, request.SpecText ?? string.Empty, string.IsNullOrWhiteSpace(request.SpecFile) ? "spec.md" : request.SpecFile, ct);
            return Results.Created($"/api/tasks/{task.Id}", Dto.From(task));
        });
        group.MapGet("/{idOrName}", (string idOrName, ApiReader reader, CancellationToken ct) => reader.GetTaskAsync(idOrName, ct));
        group.MapGet("/{idOrName}/events", (string idOrName, long? after, int? limit, ApiReader reader, CancellationToken ct) =>
            reader.GetEventsAsync(idOrName, after ?? 0, Math.Clamp(limit ?? 1000, 1, 5000), ct));
        group.MapGet("/{idOrName}/diff", async (string idOrName, TaskQueries queries, TaskDiff diffs, CancellationToken ct) =>
        {
            var task = await queries.FindAsync(idOrName, ct);
            return Results.Text(await diffs.DiffAsync(task, ct), "text/x-diff");
        });
        group.MapPost("/{idOrName}/comments", async (string idOrName, AddCommentRequest request, TaskQueries queries, CommentBox comments, FeedbackReach reach, CancellationToken ct) =>
        {
            var task = await queries.FindAsync(idOrName, ct);
            var mode = Enum.TryParse<CommentMode>(request.Mode, ignoreCase: true, out var m)
                ? m
                : throw new ArgumentException($"'{request.Mode}' is not a comment mode; use steer, queue or review.");
            var comment = await comments.AddAsync(task.Id, Human, request.Body ?? string.Empty, mode, request.File, request.Line, ct);
            return Results.Created($"/api/tasks/{task.Id}/comments/{comment.Id}", Dto.From(comment) with { Notice = reach.Notice(task, mode) });
        });
        group.MapPost("/{idOrName}/answer", async (string idOrName, AnswerRequest request, TaskQueries queries, CommentBox comments, CancellationToken ct) =>
        {
            var task = await queries.FindAsync(idOrName, ct);
            var comment = await comments.AddAsync(task.Id, Human, request.Text ?? string.Empty, CommentMode.Answer, null, null, ct);
            return Results.Created($"/api/tasks/{task.Id}/comments/{comment.Id}", Dto.From(comment));
        });
        routes.MapGet("/api/agents", async (Core.Agents.AgentInventory inventory, CancellationToken ct) =>
            (await inventory.ListAsync(ct)).Select(Dto.From).ToList());
        routes.MapGet("/api/inbox", (ApiReader reader, CancellationToken ct) => reader.GetInboxAsync(ct));
        routes.MapGet("/api/activity", async (TaskQueries queries, CancellationToken ct) =>
            (await queries.ActivityAsync(ct)).Select(a => new TaskActivityDto(Dto.From(a.Task), a.Percent, a.LastLine, a.RunStartedAt)).ToList());
        group.MapPost("/{idOrName}/approve", async (string idOrName, DecisionRequest? request, TaskQueries queries, ReviewDesk desk, CancellationToken ct) =>
        {
            var task = await queries.FindAsync(idOrName, ct);
            await desk.ApproveAsync(task.Id, Human, request?.Message, ct);
            return Dto.From(await queries.FindAsync(task.Id.ToString(), ct));
        });
        group.MapPost("/{idOrName}/reject", async (string idOrName, DecisionRequest? request, TaskQueries queries, ReviewDesk desk, CancellationToken ct) =>
        {
            var task = await queries.FindAsync(idOrName, ct);
            await desk.RejectAsync(task.Id, Human, request?.Message ?? string.Empty, ct);
            return Dto.From(await queries.FindAsync(task.Id.ToString(), ct));
        });
        group.MapPost("/{idOrName}/cancel", async (string idOrName, TaskQueries queries, TaskControl control, CancellationToken ct) =>
        {
            var task = await queries.FindAsync(idOrName, ct);
            await control.CancelAsync(task.Id, Human, ct);
            return Dto.From(await queries.FindAsync(task.Id.ToString(), ct));
        });
        group.MapPost("/{idOrName}/integrate", async (string idOrName, TaskQueries queries, TaskControl control, CancellationToken ct) =>
        {
            var task = await queries.FindAsync(idOrName, ct);
            await control.IntegrateAsync(task.Id, Human, ct);
            return Dto.From(await queries.FindAsync(task.Id.ToString(), ct));
        });
        group.MapPost("/{idOrName}/retry", async (string idOrName, TaskQueries queries, TaskControl control, CancellationToken ct) =>
        {
            var task = await queries.FindAsync(idOrName, ct);
            await control.RetryAsync(task.Id, Human, ct);
            return Dto.From(await queries.FindAsync(task.Id.ToString(), ct));
        });
        return group;
    }
}
