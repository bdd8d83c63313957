using System.Globalization;
using Nightshift.Client;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Inbox;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Api;

/// <summary>
/// The API's read side: its answers (the client's DTOs) built from the engine's queries. The
/// endpoints answer from it, and so does the CLI when no server runs (over the database opened
/// read-only), so a listing looks the same whoever reads it.
/// </summary>
public sealed class ApiReader(TaskQueries queries, InboxQuery inbox, NodeRegistry registry, QueueHolds holds, NightshiftHome home)
{
    /// <summary>One page of tasks in id order, those <paramref name="filter"/> lets through with ids above <paramref name="afterId"/>.</summary>
    public async Task<IReadOnlyList<TaskDto>> ListTasksAsync(TaskFilter filter, long afterId, int limit, CancellationToken cancellationToken)
    {
        var tasks = await queries.ListPageAsync(filter, afterId, limit, cancellationToken);
        var waiting = await holds.ForTasksAsync([.. tasks.Where(t => t.State == TaskState.Queued).Select(t => t.Id)], cancellationToken);
        return [.. tasks.Select(t => Dto.From(t) with { Waiting = Dto.Waiting(waiting, t.Id) })];
    }

    public async Task<TaskDetailDto> GetTaskAsync(string idOrName, CancellationToken cancellationToken)
    {
        var task = await queries.FindAsync(idOrName, cancellationToken);
        var runs = await queries.RunsAsync(task.Id, cancellationToken);
        var reviews = await queries.ReviewsAsync(task.Id, cancellationToken);
        var comments = await queries.CommentsAsync(task.Id, cancellationToken);
        var waiting = await holds.ForTasksAsync([task.Id], cancellationToken);
        return Dto.Detail(task, runs, reviews, comments, Dto.Waiting(waiting, task.Id));
    }

    public async Task<IReadOnlyList<EventDto>> GetEventsAsync(string idOrName, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        var task = await queries.FindAsync(idOrName, cancellationToken);
        return [.. (await queries.EventsAsync(task.Id, afterSeq, limit, cancellationToken)).Select(Dto.From)];
    }

    /// <summary>The file that keeps what run <paramref name="attempt"/> (the latest when null) printed; null when it has none.</summary>
    /// <exception cref="ArgumentException">The task has no run <paramref name="attempt"/>; the message lists its runs.</exception>
    public async Task<string?> RunOutputPathAsync(string idOrName, int? attempt, CancellationToken cancellationToken)
    {
        var task = await queries.FindAsync(idOrName, cancellationToken);
        var runs = await queries.RunsAsync(task.Id, cancellationToken);
        var run = attempt is { } a
            ? runs.FirstOrDefault(r => r.Attempt == a)
                ?? throw new ArgumentException($"Task {task.Id} has no run {a}; its runs are {(runs.Count == 0 ? "none yet" : string.Join(", ", runs.Select(r => r.Attempt.ToString(CultureInfo.InvariantCulture))))}.")
            : runs.OrderByDescending(r => r.Attempt).FirstOrDefault();
        var path = run is null ? null : home.RunOutputPath(run.Id.Value);
        return path is not null && File.Exists(path) ? path : null;
    }

    public async Task<IReadOnlyList<InboxItemDto>> GetInboxAsync(CancellationToken cancellationToken) =>
        [.. (await inbox.ListAsync(cancellationToken)).Select(i => new InboxItemDto(Dto.From(i.Task), i.Kind.ToString().ToLowerInvariant(), i.Text, i.Since, i.Action))];

    public async Task<NodesStatusDto> GetNodesAsync(CancellationToken cancellationToken)
    {
        var nodes = await registry.ListAsync(cancellationToken);
        return new NodesStatusDto(
            [.. nodes.Select(n => new NodeDto(n.Id, n.Version, registry.IsAlive(n), n.Draining, n.PausedReason, n.StartedAt, n.LastHeartbeatAt, n.StoppedAt))],
            [.. (await holds.CurrentAsync(cancellationToken)).Select(Dto.From)]);
    }
}
