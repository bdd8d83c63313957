using Nightshift.Client;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Git;
using Nightshift.Core.Inbox;
using Nightshift.Core.Projects;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Server.Api;

namespace Nightshift.Cli.Offline;

/// <summary>
/// The read-only commands' answers when no server runs: the server's own read side
/// (<see cref="ApiReader"/>) over the database opened by <see cref="ReadOnlyStore"/>, so the rows are
/// the ones the server would send, and nothing in the data folder changes.
/// </summary>
internal sealed class StoreReader : INightshiftReader
{
    private readonly ApiReader _reader;

    public StoreReader(ReadOnlyStore store, NightshiftHome home)
    {
        var dbs = new NightshiftDbFactory(store.Options);
        var registry = new NodeRegistry(dbs, TimeProvider.System, new WorkerOptions());
        _reader = new ApiReader(new TaskQueries(dbs), new InboxQuery(dbs), registry, new QueueHolds(registry, dbs, new ProjectRegistry(dbs, new GitCli(), TimeProvider.System)), home);
    }

    public async Task<IReadOnlyList<TaskDto>> ListTasksAsync(TaskListQuery query, CancellationToken cancellationToken = default)
    {
        var filter = TaskFilter.Parse(query.State, query.Project, query.Label, query.Agent);
        var all = new List<TaskDto>();
        long after = 0;
        while (true)
        {
            var page = await _reader.ListTasksAsync(filter, after, TaskQueries.MaxPageSize, cancellationToken);
            all.AddRange(page);
            if (page.Count < TaskQueries.MaxPageSize)
            {
                return all;
            }
            after = page[^1].Id;
        }
    }

    public Task<TaskDetailDto> GetTaskAsync(string idOrName, CancellationToken cancellationToken = default) =>
        _reader.GetTaskAsync(idOrName, cancellationToken);

    public Task<IReadOnlyList<EventDto>> GetEventsAsync(string idOrName, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        _reader.GetEventsAsync(idOrName, afterSeq, limit, cancellationToken);

    public async Task<Stream> GetOutputAsync(string idOrName, int? attempt = null, CancellationToken cancellationToken = default) =>
        await _reader.RunOutputPathAsync(idOrName, attempt, cancellationToken) is { } path
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 64 * 1024, useAsync: true)
            : Stream.Null;

    public Task<IReadOnlyList<InboxItemDto>> GetInboxAsync(CancellationToken cancellationToken = default) =>
        _reader.GetInboxAsync(cancellationToken);

    public Task<NodesStatusDto> GetNodesAsync(CancellationToken cancellationToken = default) =>
        _reader.GetNodesAsync(cancellationToken);

    /// <summary>Nothing to let go: the store's connections are not pooled and close after each read.</summary>
    public void Dispose()
    {
    }
}
