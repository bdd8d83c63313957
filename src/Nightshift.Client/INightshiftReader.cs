namespace Nightshift.Client;

/// <summary>
/// What the read-only commands (<c>ls</c>, <c>show</c>, <c>logs</c>, <c>inbox</c>) ask for, in the API's shapes:
/// answered by the running server (<see cref="NightshiftClient"/>), or, when none runs, read from its
/// database without changing it, so the same commands print the same way either way.
/// </summary>
public interface INightshiftReader : IDisposable
{
    /// <summary>Every task <paramref name="query"/> lets through, in id order, without spec or plan text.</summary>
    Task<IReadOnlyList<TaskDto>> ListTasksAsync(TaskListQuery query, CancellationToken cancellationToken = default);

    /// <summary>One task by id or name, with its runs, reviews and comments.</summary>
    Task<TaskDetailDto> GetTaskAsync(string idOrName, CancellationToken cancellationToken = default);

    /// <summary>At most <paramref name="limit"/> of the task's events after sequence number <paramref name="afterSeq"/>, oldest first.</summary>
    Task<IReadOnlyList<EventDto>> GetEventsAsync(string idOrName, long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>What a run of the task printed: the latest run's, or run <paramref name="attempt"/>'s (its number on the task). Empty when nothing was kept.</summary>
    Task<Stream> GetOutputAsync(string idOrName, int? attempt = null, CancellationToken cancellationToken = default);

    /// <summary>Everything that needs a human, most urgent first.</summary>
    Task<IReadOnlyList<InboxItemDto>> GetInboxAsync(CancellationToken cancellationToken = default);

    /// <summary>The worker nodes, and why queued work is not starting.</summary>
    Task<NodesStatusDto> GetNodesAsync(CancellationToken cancellationToken = default);
}
