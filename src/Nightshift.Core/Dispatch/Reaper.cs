using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Storage;

using Nightshift.Core.Tasks;
namespace Nightshift.Core.Dispatch;

/// <summary>
/// Hands back runs whose node died: every worker node runs it on each heartbeat. A run is taken
/// only when its lease expired, that is when its node stopped heartbeating; a long run on a live
/// node is renewed on every beat and never touched. Taking a run is a conditional write in
/// <see cref="RunFence"/>, so two reapers never both take one. The agent a dead node left running
/// on this machine is stopped first (<see cref="OrphanedAgents"/>).
/// </summary>
public sealed partial class Reaper(IDbContextFactory<NightshiftDb> dbs, RunFence fence, ActiveRuns active, OrphanedAgents orphans, WorkerOptions options, ILogger<Reaper> logger)
{
    /// <summary>Reaps every Running run whose lease expired; returns how many this node took.</summary>
    public Task<int> ReapExpiredAsync(CancellationToken cancellationToken) => ReapExpiredAsync(null, cancellationToken);

    /// <summary>
    /// Reaps every Running run whose lease expired. <paramref name="storeFull"/>, when this node found
    /// the store's disk full while a run's lease was due for renewal, is the reason given for that run:
    /// every node writes its heartbeat to the same SQLite file, so none could renew its leases.
    /// </summary>
    public async Task<int> ReapExpiredAsync(StoreFullNotice? storeFull, CancellationToken cancellationToken)
    {
        var now = fence.Time.GetUtcNow();
        List<RunRecord> expired;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            expired = await db.Runs.AsNoTracking()
                .Where(r => r.State == RunState.Running && (r.LeaseExpiresAt == null || r.LeaseExpiresAt < now))
                .ToListAsync(cancellationToken);
        }
        var reaped = 0;
        // A run this process holds is renewed by its own heartbeat, not reaped by it.
        foreach (var (run, orphan) in await StopOrphansAsync(expired.Where(r => !active.Holds(r.Id))))
        {
            var cause = storeFull is { } full && run.LeaseExpiresAt is { } expiry
                && full.LastSeen >= expiry - options.LeaseDuration && full.Since <= expiry
                ? full.Reason
                : null;
            if (await fence.TryReapExpiredAsync(run, now, orphan, cause))
            {
                reaped++;
                if (cause is null)
                {
                    LogReaped(run.TaskId.Value, run.Attempt, run.NodeId, run.LeaseExpiresAt);
                }
                else
                {
                    LogReapedStoreFull(run.TaskId.Value, run.Attempt, run.NodeId, cause);
                }
            }
        }
        return reaped;
    }

    /// <summary>
    /// On start: runs still recorded under this node's name were left by its previous process,
    /// which is dead by definition (a node name runs once), so they are reaped at once, lease or not.
    /// </summary>
    public async Task<int> ReapLeftoversAsync(CancellationToken cancellationToken)
    {
        List<RunRecord> leftovers;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            leftovers = await db.Runs.AsNoTracking()
                .Where(r => r.State == RunState.Running && r.NodeId == options.NodeId)
                .ToListAsync(cancellationToken);
        }
        var reaped = 0;
        foreach (var (run, orphan) in await StopOrphansAsync(leftovers.Where(r => !active.Holds(r.Id))))
        {
            if (await fence.TryReapLeftoverAsync(run, options.NodeId, orphan))
            {
                reaped++;
                LogRecovered(run.TaskId.Value, run.Attempt);
            }
        }
        // Then what no leftover run accounts for: a merge gate's checks, a run whose end was recorded
        // while something it started lived on.
        await orphans.StopNodeLeftoversAsync();
        return reaped;
    }

    /// <summary>
    /// Stops the agents the runs' dead nodes left running here, all at once (one grace period in all),
    /// and pairs each run with what was done. Before the reap, not after: the reap queues the task
    /// again and wakes the workers, and the next run would start in the same worktree while the
    /// orphan still wrote there. The cost of stopping first: a holder that renews its expired lease
    /// in the moment between the query and the signal loses its agent, and its run ends as if the agent failed.
    /// </summary>
    private async Task<(RunRecord Run, string? Orphan)[]> StopOrphansAsync(IEnumerable<RunRecord> runs) =>
        await Task.WhenAll(runs.Select(async run => (run, await orphans.StopAsync(run))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} run {Attempt} reaped: node {NodeId} stopped heartbeating (lease expired {ExpiredAt}); queued again")]
    private partial void LogReaped(long taskId, int attempt, string nodeId, DateTimeOffset? expiredAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} run {Attempt} reaped: node {NodeId} could not write its heartbeat ({Cause}); queued again")]
    private partial void LogReapedStoreFull(long taskId, int attempt, string nodeId, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} run {Attempt} was left running by this node's previous process; queued again")]
    private partial void LogRecovered(long taskId, int attempt);
}
