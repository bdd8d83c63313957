using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Events;
using Nightshift.Core.Runs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Dispatch;

/// <summary>Records how a run ended and moves its task on: to review, to a retry with backoff, or to Failed.</summary>
public sealed class RunOutcomes(IDbContextFactory<NightshiftDb> dbs, TaskBoard board, WorkerOptions options)
{
    /// <summary>Ends the run and moves the task along <paramref name="trigger"/> in one transaction.</summary>
    public async Task EndAsync(RunRecord run, RunState state, string? error, TaskTrigger? trigger, string? reason, Action<TaskRecord>? alsoDo = null)
    {
        var now = board.Time.GetUtcNow();
        // Not cancellable: a run that ended must be recorded as ended even while the node shuts down.
        await board.MutateAsync(run.TaskId, (task, db) =>
        {
            // Update, not Attach: the executor filled in exit code, usage and head on this
            // detached row during the run, and all of it must be written now.
            db.Runs.Update(run);
            run.State = state;
            run.EndedAt = now;
            run.Error = error;
            board.Append(db, task, run.Id, EventKind.RunEnded, error is null ? $"Run {run.Attempt} {state}" : $"Run {run.Attempt} {state}: {error}");
            if (trigger is { } tr && TaskLifecycle.Next(task.State, tr) is { } to)
            {
                board.Append(db, task, run.Id, EventKind.StateChanged, reason is null ? $"{task.State} → {to}" : $"{task.State} → {to}: {reason}");
                task.State = to;
                task.StateReason = reason;
                alsoDo?.Invoke(task);
            }
        }, CancellationToken.None);
    }

    /// <summary>A failed or timed-out run: retry after a backoff while attempts remain, else Failed with the reason.</summary>
    public async Task FailOrRetryAsync(RunRecord run, RunState state, string error, int maxRetries)
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
            await EndAsync(run, state, error, TaskTrigger.Retry,
                $"attempt {run.Attempt} failed ({error}); retry {failures} of {maxRetries} in {wait.TotalSeconds:0.#}s",
                t => t.NotBefore = board.Time.GetUtcNow() + wait);
        }
        else
        {
            await EndAsync(run, state, error, TaskTrigger.Fail,
                maxRetries == 0 ? error : $"failed after {failures} attempts; last: {error}");
        }
    }
}
