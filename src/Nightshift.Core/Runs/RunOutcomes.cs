using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Agents;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
namespace Nightshift.Core.Runs;

/// <summary>Records how a run ended and moves its task on: to review, to a retry with backoff, or to Failed.</summary>
public sealed class RunOutcomes(IDbContextFactory<NightshiftDb> dbs, RunFence fence, TaskBoard board, WorkerOptions options)
{
    /// <summary>
    /// Ends the run and moves the task along <paramref name="trigger"/> in one fenced transaction.
    /// When this node no longer holds the run's lease, nothing is written but the event that the
    /// stale result was discarded, and this returns false.
    /// </summary>
    public async Task<bool> EndAsync(
        RunLease lease, RunRecord run, RunState state, string? error, TaskTrigger? trigger, string? reason, Action<TaskRecord>? alsoDo = null, RunOutcome? outcome = null)
    {
        var now = fence.Time.GetUtcNow();
        // Not cancellable: a run that ended must be recorded as ended even while the node shuts down.
        var accepted = await fence.TryWriteAsync(lease, (task, stored, db) =>
        {
            // What the executor learned during the run, kept on its own copy of the row until now.
            // Not the tokens and cost: the event batcher added them to the row as the agent reported them.
            stored.ExitCode = run.ExitCode;
            stored.SessionId = run.SessionId;
            stored.BaseCommit = run.BaseCommit ?? stored.BaseCommit;
            stored.HeadCommit = run.HeadCommit ?? stored.HeadCommit;
            stored.State = state;
            stored.EndedAt = now;
            stored.Error = error;
            board.Append(db, task, run.Id, EventKind.RunEnded, error is null ? $"Run {run.Attempt} {state}" : $"Run {run.Attempt} {state}: {error}");
            if (trigger is { } tr && board.TryMove(db, task, tr, reason, run.Id))
            {
                stored.Outcome = outcome ?? OutcomeOf(tr);
                alsoDo?.Invoke(task);
            }
            else if (state == RunState.Cancelled)
            {
                stored.Outcome = RunOutcome.Cancelled;
            }
        }, CancellationToken.None);
        if (accepted)
        {
            lease.MarkEnded();
        }
        else
        {
            await fence.RecordDiscardedAsync(lease, error is null ? state.ToString() : $"{state}: {error}");
        }
        return accepted;
    }

    private static RunOutcome? OutcomeOf(TaskTrigger trigger) => trigger switch
    {
        TaskTrigger.ChecksPassed => RunOutcome.ReadyForReview,
        TaskTrigger.PlanReady => RunOutcome.PlanReady,
        TaskTrigger.Retry => RunOutcome.Retried,
        TaskTrigger.Fail => RunOutcome.Failed,
        _ => null,
    };

    /// <summary>
    /// A run that stopped on a usage limit of its agent's login. Not a failure: no retry is spent
    /// (the run ends Interrupted, which the retry count leaves out), the task goes back to the queue
    /// until the reset (the service's time, or <see cref="WorkerOptions.LimitBackoff"/> when it gave
    /// none), holding no slot, and its next run resumes the session. The limit is kept for the node,
    /// so that the agent's other queued tasks wait for the same reset instead of meeting it again.
    /// </summary>
    public async Task<bool> LimitAsync(RunLease lease, RunRecord run, AgentLimit limit)
    {
        var now = fence.Time.GetUtcNow();
        var given = limit.ResetFrom(now);
        // A reset already past (a clock apart, a stale window) still waits the back-off: never a tight loop.
        var resetAt = given is { } at && at > now ? at : now + options.LimitBackoff;
        var known = given is { } g && g > now;
        var reason = AgentLimitText.Describe(run.Agent, resetAt, known, now, fence.Time.LocalTimeZone, countdown: false);
        var accepted = await EndAsync(lease, run, RunState.Interrupted, limit.Message, TaskTrigger.Retry, reason,
            t => t.NotBefore = resetAt, RunOutcome.Limited);
        if (accepted)
        {
            await using var db = await dbs.CreateDbContextAsync();
            var record = await db.AgentLimits.FindAsync(run.NodeId, run.Agent);
            if (record is null)
            {
                record = new AgentLimitRecord { NodeId = run.NodeId, Agent = run.Agent, Message = limit.Message };
                db.AgentLimits.Add(record);
            }
            record.Message = limit.Message;
            record.ResetAt = resetAt;
            record.ResetKnown = known;
            record.ReachedAt = now;
            await db.SaveChangesAsync();
        }
        return accepted;
    }

    /// <summary>A failed or timed-out run: retry after a backoff while attempts remain, else Failed with the reason.</summary>
    public async Task<bool> FailOrRetryAsync(RunLease lease, RunRecord run, RunState state, string error, int maxRetries)
    {
        int failures;
        await using (var db = await dbs.CreateDbContextAsync())
        {
            failures = 1 + await db.Runs.CountAsync(r => r.TaskId == run.TaskId && r.Id != run.Id
                && (r.State == RunState.Failed || r.State == RunState.TimedOut));
        }
        if (failures <= maxRetries)
        {
            var wait = options.BackoffFor(failures);
            return await EndAsync(lease, run, state, error, TaskTrigger.Retry,
                $"attempt {run.Attempt} failed ({error}); retry {failures} of {maxRetries} in {wait.TotalSeconds:0.#}s",
                t => t.NotBefore = fence.Time.GetUtcNow() + wait);
        }
        return await EndAsync(lease, run, state, error, TaskTrigger.Fail,
            maxRetries == 0 ? error : $"failed after {failures} attempts; last: {error}");
    }
}
