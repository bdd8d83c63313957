using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Tasks;

/// <summary>
/// The one place task state changes. Every change is checked against <see cref="TaskLifecycle"/>
/// and written together with its event in one transaction, so the log never misses a change; a
/// change made on behalf of a run commits only under the run's fence (<see cref="TaskGuard"/>).
/// </summary>
public sealed class TaskBoard(IDbContextFactory<NightshiftDb> dbs, TimeProvider time, EventSignal signal)
{
    private const int MaxConcurrencyRetries = 20;

    public TimeProvider Time => time;

    /// <summary>Moves a task along <paramref name="trigger"/>; throws <see cref="InvalidTransitionException"/> if that arrow does not exist.</summary>
    public Task<TaskRecord> TransitionAsync(
        TaskId id,
        TaskTrigger trigger,
        string? reason,
        RunId? run,
        CancellationToken cancellationToken,
        Action<TaskRecord, NightshiftDb>? alsoDo = null) =>
        TransitionAsync(id, trigger, reason, run, (task, db) =>
        {
            alsoDo?.Invoke(task, db);
            return ValueTask.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Moves a task along <paramref name="trigger"/> and does <paramref name="alsoDo"/> (which may
    /// read the store) in the same transaction; when another writer got there first, both are
    /// applied again to fresh rows.
    /// </summary>
    public Task<TaskRecord> TransitionAsync(
        TaskId id,
        TaskTrigger trigger,
        string? reason,
        RunId? run,
        Func<TaskRecord, NightshiftDb, ValueTask> alsoDo,
        CancellationToken cancellationToken) =>
        MutateAsync(id, async (task, db) =>
        {
            Move(db, task, trigger, reason, run);
            await alsoDo(task, db);
        }, cancellationToken);

    /// <summary>
    /// Moves <paramref name="task"/> (tracked by <paramref name="db"/>) along <paramref name="trigger"/>
    /// and appends the state-change event, inside a change given to this board; throws
    /// <see cref="InvalidTransitionException"/> if that arrow does not exist.
    /// </summary>
    public void Move(NightshiftDb db, TaskRecord task, TaskTrigger trigger, string? reason, RunId? run)
    {
        if (!TryMove(db, task, trigger, reason, run))
        {
            throw new InvalidTransitionException(task.Id, task.State, trigger);
        }
    }

    /// <summary>As <see cref="Move"/>, but false (and nothing changed) when the arrow does not exist.</summary>
    public bool TryMove(NightshiftDb db, TaskRecord task, TaskTrigger trigger, string? reason, RunId? run)
    {
        if (Target(task, trigger) is not { } to)
        {
            return false;
        }
        var from = task.State;
        task.State = to;
        task.StateReason = reason;
        // The message is for display only: readers use the fields.
        var change = Append(db, task, run, EventKind.StateChanged, StateChange.Describe(from, to, reason));
        change.FromState = from;
        change.ToState = to;
        change.Trigger = trigger;
        change.Reason = reason;
        return true;
    }

    /// <summary>Appends one event to the task's log.</summary>
    public Task AppendAsync(TaskId id, RunId? run, string kind, string message, string? data, CancellationToken cancellationToken) =>
        MutateAsync(id, (task, db) => Append(db, task, run, kind, message, data), cancellationToken);

    /// <summary>Appends several events in one transaction, in order.</summary>
    public Task AppendManyAsync(TaskId id, RunId? run, IReadOnlyList<(string Kind, string Message, string? Data)> events, CancellationToken cancellationToken) =>
        events.Count == 0
            ? Task.CompletedTask
            : MutateAsync(id, (task, db) =>
            {
                foreach (var (kind, message, data) in events)
                {
                    Append(db, task, run, kind, message, data);
                }
            }, cancellationToken);

    /// <summary>
    /// Loads the task, applies <paramref name="change"/>, and saves. <see cref="TaskRecord.LastEventSeq"/>
    /// is the row's concurrency token: when another writer got there first, the change is
    /// re-applied to the fresh row, so no event number is ever used twice or skipped.
    /// </summary>
    public Task<TaskRecord> MutateAsync(TaskId id, Action<TaskRecord, NightshiftDb> change, CancellationToken cancellationToken) =>
        MutateAsync(id, (task, db) =>
        {
            change(task, db);
            return ValueTask.CompletedTask;
        }, cancellationToken);

    /// <inheritdoc cref="MutateAsync(TaskId, Action{TaskRecord, NightshiftDb}, CancellationToken)"/>
    public async Task<TaskRecord> MutateAsync(TaskId id, Func<TaskRecord, NightshiftDb, ValueTask> change, CancellationToken cancellationToken) =>
        (await CommitAsync(id, null, change, cancellationToken))!;

    /// <summary>
    /// The one write loop: in one transaction, <paramref name="guard"/> first (when given; no row
    /// matched and nothing is written, null is returned), then <paramref name="change"/> to the
    /// task with its events. When another writer got there first, it all starts over on fresh rows.
    /// </summary>
    public async Task<TaskRecord?> CommitAsync(TaskId id, TaskGuard? guard, Func<TaskRecord, NightshiftDb, ValueTask> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            // Only a guarded change needs its own transaction: the guard's lock must last until the commit.
            await using var transaction = guard is null ? null : await db.Database.BeginTransactionAsync(cancellationToken);
            if (guard is not null && await guard(db, cancellationToken) == 0)
            {
                return null;
            }
            var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
                ?? throw new TaskNotFoundException(id.ToString());
            var stateBefore = task.State;
            await change(task, db);
            task.UpdatedAt = time.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            catch (DbUpdateException ex) when (attempt < MaxConcurrencyRetries && StoreConflict.IsConflict(ex))
            {
                // Another writer changed the task between our read and write (its version moved,
                // or it took the event number we wanted): read it again and re-apply.
                continue;
            }
            signal.Notify(id, stateChanged: task.State != stateBefore);
            return task;
        }
    }

    /// <summary>Adds an event to <paramref name="db"/>'s pending changes, numbered after the task's last.</summary>
    public EventRecord Append(NightshiftDb db, TaskRecord task, RunId? run, string kind, string message, string? data = null)
    {
        task.LastEventSeq++;
        var record = new EventRecord
        {
            TaskId = task.Id,
            Seq = task.LastEventSeq,
            RunId = run,
            At = time.GetUtcNow(),
            Kind = kind,
            Message = message,
            Data = data,
        };
        db.Events.Add(record);
        return record;
    }

    // A claim (or an answer) goes to Planning while a plan gate waits for its plan, else along the table.
    private static TaskState? Target(TaskRecord task, TaskTrigger trigger) =>
        trigger is TaskTrigger.Claim or TaskTrigger.Answer
            ? TaskLifecycle.WorkingTarget(task.State, trigger, task.PlanPending)
            : TaskLifecycle.Next(task.State, trigger);
}
