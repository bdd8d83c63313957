using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Processes;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Dispatch;

/// <summary>
/// The fence: the one place where a write made on behalf of a run is accepted or refused, and
/// where a run is taken from a node that stopped heartbeating. Both sides race on the same row.
/// </summary>
/// <remarks>
/// Guarantee: a write on behalf of a run commits only if, in the same transaction, the run's row
/// still has this run id, this attempt, this node as its lease holder and the state Running. The
/// check is a conditional UPDATE of that row, so the row stays locked until the commit (SQLite: the
/// database's write lock; PostgreSQL: the row lock). The reaper takes a run with a conditional
/// UPDATE of the same row (Running → Interrupted, only while the lease is expired). So of a stale
/// holder and a reaper exactly one wins: a node paused past its lease that wakes up cannot record
/// anything for a run that was handed back, and two reapers cannot both reap. An expired lease
/// alone refuses nothing: until a reaper took the run, its holder is still the only one on it.
/// </remarks>
public sealed partial class RunFence(IDbContextFactory<NightshiftDb> dbs, TaskBoard board, ILogger<RunFence> logger)
{
    public TimeProvider Time => board.Time;

    /// <summary>Applies <paramref name="write"/> to the task and the (tracked) run if the lease is still held; false when refused.</summary>
    public Task<bool> TryWriteAsync(RunLease lease, Action<TaskRecord, RunRecord, NightshiftDb> write, CancellationToken cancellationToken) =>
        TryWriteAsync(lease, (task, run, db) =>
        {
            write(task, run, db);
            return ValueTask.CompletedTask;
        }, cancellationToken);

    /// <inheritdoc cref="TryWriteAsync(RunLease, Action{TaskRecord, RunRecord, NightshiftDb}, CancellationToken)"/>
    public async Task<bool> TryWriteAsync(RunLease lease, Func<TaskRecord, RunRecord, NightshiftDb, ValueTask> write, CancellationToken cancellationToken)
    {
        if (lease.IsLost)
        {
            return false;
        }
        var held = Held(lease);
        var accepted = await board.CommitAsync(
            lease.TaskId,
            // A no-op UPDATE: it matches only while the lease is held, and locks the row until commit.
            (db, ct) => db.Runs.Where(held).ExecuteUpdateAsync(s => s.SetProperty(r => r.NodeId, lease.NodeId), ct),
            async (task, db) => await write(task, await db.Runs.SingleAsync(r => r.Id == lease.RunId, cancellationToken), db),
            cancellationToken) is not null;
        if (!accepted)
        {
            lease.Lose();
        }
        return accepted;
    }

    /// <summary>A write the run cannot go on without: when refused, the run stops (the lease is lost and this throws).</summary>
    public Task WriteAsync(RunLease lease, Action<TaskRecord, RunRecord, NightshiftDb> write, CancellationToken cancellationToken) =>
        WriteAsync(lease, (task, run, db) =>
        {
            write(task, run, db);
            return ValueTask.CompletedTask;
        }, cancellationToken);

    /// <inheritdoc cref="WriteAsync(RunLease, Action{TaskRecord, RunRecord, NightshiftDb}, CancellationToken)"/>
    public async Task WriteAsync(RunLease lease, Func<TaskRecord, RunRecord, NightshiftDb, ValueTask> write, CancellationToken cancellationToken)
    {
        if (!await TryWriteAsync(lease, write, cancellationToken))
        {
            throw new OperationCanceledException($"Task {lease.TaskId} run {lease.Attempt} no longer holds its lease.", lease.Token);
        }
    }

    /// <summary>Appends one event for the run, fenced. Not cancellable: what happened is recorded even while stopping.</summary>
    public Task AppendAsync(RunLease lease, string kind, string message, string? data = null) =>
        WriteAsync(lease, (task, _, db) => board.Append(db, task, lease.RunId, kind, message, data), CancellationToken.None);

    /// <summary>
    /// Appends several events for the run in one fenced transaction, and adds <paramref name="usage"/>
    /// (what those events reported) to the run's totals in the same one; false when refused.
    /// </summary>
    public Task<bool> TryAppendManyAsync(RunLease lease, IReadOnlyList<(string Kind, string Message, string? Data)> events, RunUsage usage = default) =>
        TryWriteAsync(lease, (task, run, db) =>
        {
            foreach (var (kind, message, data) in events)
            {
                board.Append(db, task, lease.RunId, kind, message, data);
            }
            if (!usage.IsNone)
            {
                // Added, never set: the row holds the run's totals over all its agent turns (the first
                // and each fix-up), and while the run goes on, what it has used so far.
                run.InputTokens += usage.InputTokens;
                run.OutputTokens += usage.OutputTokens;
                run.CostUsd += usage.CostUsd;
            }
        }, CancellationToken.None);

    /// <summary>Moves the task along <paramref name="trigger"/> on behalf of the run, fenced.</summary>
    public Task TransitionAsync(RunLease lease, TaskTrigger trigger, string? reason, CancellationToken cancellationToken, Action<TaskRecord, RunRecord, NightshiftDb>? alsoDo = null) =>
        WriteAsync(lease, (task, run, db) =>
        {
            board.Move(db, task, trigger, reason, lease.RunId);
            alsoDo?.Invoke(task, run, db);
        }, cancellationToken);

    /// <summary>
    /// Records the agent process the run just started (the leader of its process group), fenced, so
    /// that whoever reaps the run can stop it if this node dies; a later process of the run (the
    /// next turn) replaces it. Not cancellable; false when the lease is lost.
    /// </summary>
    public Task<bool> TryRecordAgentProcessAsync(RunLease lease, ProcessIdentity process) =>
        TryWriteAsync(lease, (_, run, _) =>
        {
            run.AgentProcessGroup = process.Pid;
            run.AgentBootId = process.BootId;
            run.AgentStartTime = process.StartTime;
        }, CancellationToken.None);

    /// <summary>
    /// Whether the lease is still held, read without a lock. For work outside the database (a git
    /// commit) that a stale holder must not start; what that work produced is recorded fenced.
    /// </summary>
    public async Task<bool> IsHeldAsync(RunLease lease, CancellationToken cancellationToken)
    {
        if (lease.IsLost)
        {
            return false;
        }
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (await db.Runs.AnyAsync(Held(lease), cancellationToken))
        {
            return true;
        }
        lease.Lose();
        return false;
    }

    /// <summary>The only record a run makes after losing its lease: that its result was discarded. Once per run.</summary>
    public async Task RecordDiscardedAsync(RunLease lease, string result)
    {
        if (!lease.TryMarkDiscarded())
        {
            return;
        }
        LogDiscarded(lease.TaskId.Value, lease.Attempt, lease.NodeId, result);
        await board.AppendAsync(lease.TaskId, lease.RunId, EventKind.RunDiscarded,
            $"Run {lease.Attempt} on node {lease.NodeId} no longer holds its lease (its node stopped heartbeating and the run was handed back); its stale result was discarded: {result}",
            null, CancellationToken.None);
    }

    /// <summary>
    /// Takes a Running run whose lease expired before <paramref name="now"/>; false when another reaper took it first or its holder renewed it.
    /// <paramref name="orphan"/>, when given, says what was done to the agent the run's node left behind (see <see cref="OrphanedAgents"/>).
    /// </summary>
    /// <paramref name="cause"/>, when known, is why the node could not renew the lease (the store's disk was full).
    public Task<bool> TryReapExpiredAsync(RunRecord run, DateTimeOffset now, string? orphan = null, string? cause = null) =>
        ReapAsync(run,
            r => r.Id == run.Id && r.State == RunState.Running && (r.LeaseExpiresAt == null || r.LeaseExpiresAt < now),
            cause is null
                ? $"node {run.NodeId} stopped heartbeating; the run's lease expired"
                : $"node {run.NodeId} could not write its heartbeat ({cause}); the run's lease expired",
            cause is null
                ? $"run {run.Attempt} was handed back: node {run.NodeId} stopped heartbeating; queued again"
                : $"run {run.Attempt} was handed back: {cause}, so node {run.NodeId} could not renew its lease; queued again",
            orphan);

    /// <summary>Takes a run a previous process of <paramref name="node"/> left Running: that process is dead by definition.</summary>
    public Task<bool> TryReapLeftoverAsync(RunRecord run, string node, string? orphan = null) =>
        ReapAsync(run,
            r => r.Id == run.Id && r.State == RunState.Running && r.NodeId == node,
            $"node {node} restarted while the run was in progress",
            $"run {run.Attempt} was interrupted: node {node} restarted; queued again",
            orphan);

    // The fence check, the only one: (run id, attempt, lease holder, still Running). Every write a
    // run makes is conditional on it inside the write's own transaction (see the remarks above).
    private static Expression<Func<RunRecord, bool>> Held(RunLease lease) =>
        r => r.Id == lease.RunId && r.Attempt == lease.Attempt && r.NodeId == lease.NodeId && r.State == RunState.Running;

    private async Task<bool> ReapAsync(RunRecord run, Expression<Func<RunRecord, bool>> stillReapable, string error, string reason, string? orphan)
    {
        var now = board.Time.GetUtcNow();
        var reaped = await board.CommitAsync(
            run.TaskId,
            (db, ct) => db.Runs.Where(stillReapable).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, RunState.Interrupted)
                .SetProperty(r => r.EndedAt, now)
                .SetProperty(r => r.Error, error), ct),
            async (task, db) =>
            {
                if (orphan is not null)
                {
                    board.Append(db, task, run.Id, EventKind.OrphanStopped, orphan);
                }
                board.Append(db, task, run.Id, EventKind.RunEnded, $"Run {run.Attempt} Interrupted: {error}");
                // The attempt stays counted (task.Attempts moved at the claim); the next claim is attempt + 1.
                if (board.TryMove(db, task, TaskTrigger.Retry, reason, run.Id))
                {
                    task.NotBefore = null;
                    await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, RunOutcome.Retried));
                }
            },
            CancellationToken.None) is not null;
        if (!reaped && orphan is not null)
        {
            // Another reaper took the run, but the stop was this node's doing: it is recorded all the same.
            await board.AppendAsync(run.TaskId, run.Id, EventKind.OrphanStopped, orphan, null, CancellationToken.None);
        }
        return reaped;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} run {Attempt} on node {NodeId} lost its lease; its result was discarded: {Result}")]
    private partial void LogDiscarded(long taskId, int attempt, string nodeId, string result);
}
