using System.ComponentModel;
using ModelContextProtocol.Server;
using Nightshift.Core.Comments;
using Nightshift.Core.Plans;
using Nightshift.Core.Tasks;
using Nightshift.Server.Api;
namespace Nightshift.Server.Mcp;

/// <summary>
/// The control MCP server's tools: what a developer's own editor agent may do for them. Approving
/// and merging are deliberately absent: only a human approves, through the dashboard, API or CLI.
/// </summary>
internal sealed class ControlTools(TaskIntake intake, TaskQueries queries, CommentBox comments, FeedbackReach reach)
{
    private const int RecentEvents = 20;

    [McpServerTool(Name = "create_task"), Description(
        "Create a task from a spec: Markdown with YAML front matter (title, agent, checks, depends_on…) and the instructions as the body. "
        + "A bad spec is refused with each problem's line and field, and nothing is stored.")]
    public Task<McpTaskSummary> CreateTaskAsync(
        [Description("The whole spec file's text.")] string spec,
        [Description("The project (name or id); may be left out when there is only one.")] string? project = null,
        [Description("The spec's file name, used in error messages.")] string? specFile = null,
        CancellationToken cancellationToken = default) =>
        ToolErrors.RunAsync(async () =>
            McpTaskSummary.From(await intake.AddAsync(project, spec ?? string.Empty, string.IsNullOrWhiteSpace(specFile) ? "spec.md" : specFile, cancellationToken)),
            cancellationToken);

    [McpServerTool(Name = "list_tasks"), Description(
        "List tasks with their state and progress, optionally only those in one state (e.g. NeedsInput, Running, InReview), of one project, with one label or for one agent. "
        + "Tasks come in id order, 500 at most at a time: when that many come back, ask again with `after` set to the last id.")]
    public Task<IReadOnlyList<McpTaskSummary>> ListTasksAsync(
        [Description("Only tasks in this state.")] string? state = null,
        [Description("Only tasks with an id above this one (the last id of the previous page).")] long after = 0,
        [Description("Only tasks of this project, by id or name.")] string? project = null,
        [Description("Only tasks with this label.")] string? label = null,
        [Description("Only tasks for this agent.")] string? agent = null,
        CancellationToken cancellationToken = default) =>
        ToolErrors.RunAsync<IReadOnlyList<McpTaskSummary>>(async () =>
        {
            var filter = TaskFilter.Parse(state, project, label, agent);
            return [.. (await queries.ListPageAsync(filter, Math.Max(after, 0), TaskQueries.MaxPageSize, cancellationToken)).Select(McpTaskSummary.From)];
        }, cancellationToken);

    [McpServerTool(Name = "get_task"), Description("Read one task: its state, progress, plan, questions, comments and its latest events.")]
    public Task<McpTaskView> GetTaskAsync(
        [Description("The task's id or name.")] string task,
        CancellationToken cancellationToken = default) =>
        ToolErrors.RunAsync(async () =>
        {
            var record = await queries.FindAsync(task ?? string.Empty, cancellationToken);
            var events = await queries.EventsAsync(record.Id, Math.Max(0, record.LastEventSeq - RecentEvents), RecentEvents, cancellationToken);
            var questions = (await queries.EventsAsync(record.Id, 0, int.MaxValue, cancellationToken))
                .Where(e => e.Kind is EventKind.Question or EventKind.Answer)
                .Select(e => $"{e.Kind}: {e.Message}")
                .ToList();
            var notes = await queries.CommentsAsync(record.Id, cancellationToken);
            return new McpTaskView(
                McpTaskSummary.From(record),
                record.Body,
                PlanJson.Read(record.PlanJson),
                record.PlanText,
                record.PlanApprovedAt is not null,
                questions,
                [.. notes.Select(c => $"{c.Mode.ToString().ToLowerInvariant()} by {c.Author}{(c.DeliveredAt is null ? " (not delivered yet)" : string.Empty)}: {c.Body}")],
                [.. events.Select(e => $"{e.Seq} {e.Kind}: {e.Message}")]);
        }, cancellationToken);

    [McpServerTool(Name = "comment_task"), Description(
        "Leave feedback for a task's agent: mode `steer` reaches the running session at its next turn boundary; `queue` becomes its next turn after the current one.")]
    public Task<string> CommentAsync(
        [Description("The task's id or name.")] string task,
        [Description("What the agent should do differently or next.")] string text,
        [Description("steer (now) or queue (after the current turn).")] string mode = "steer",
        CancellationToken cancellationToken = default) =>
        ToolErrors.RunAsync(async () =>
        {
            var how = mode?.Trim().ToLowerInvariant() switch
            {
                "steer" => CommentMode.Steer,
                "queue" => CommentMode.Queue,
                _ => throw new ArgumentException($"'{mode}' is not a comment mode here; use steer or queue (answer a question with answer_question)."),
            };
            var record = await queries.FindAsync(task ?? string.Empty, cancellationToken);
            var comment = await comments.AddAsync(record.Id, TaskEndpoints.Human, text ?? string.Empty, how, null, null, cancellationToken);
            var notice = reach.Notice(record, how);
            return $"Comment {comment.Id} left on task {record.Id} ({how.ToString().ToLowerInvariant()}){(notice is null ? "." : $"; {notice}.")}";
        }, cancellationToken);

    [McpServerTool(Name = "answer_question"), Description("Answer the question a task's agent asked (the task is in NeedsInput); the agent gets the answer and goes on.")]
    public Task<string> AnswerAsync(
        [Description("The task's id or name.")] string task,
        [Description("The answer.")] string text,
        CancellationToken cancellationToken = default) =>
        ToolErrors.RunAsync(async () =>
        {
            var record = await queries.FindAsync(task ?? string.Empty, cancellationToken);
            await comments.AddAsync(record.Id, TaskEndpoints.Human, text ?? string.Empty, CommentMode.Answer, null, null, cancellationToken);
            return $"Answer sent to task {record.Id}.";
        }, cancellationToken);
}
