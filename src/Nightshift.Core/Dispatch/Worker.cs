using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Events;
using Nightshift.Core.Runs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Dispatch;

/// <summary>
/// Claims ready tasks (queued, past any backoff, every dependency merged) in priority order and
/// runs them, up to the concurrency limit. Wakes at once when work appears; polls as a fallback.
/// </summary>
public sealed partial class Worker(
    IDbContextFactory<NightshiftDb> dbs,
    TaskBoard board,
    RunExecutor executor,
    EventSignal signal,
    WorkerOptions options,
    ILogger<Worker> logger)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        await RecoverAsync(stopping);
        var running = new List<Task>();
        while (!stopping.IsCancellationRequested)
        {
            // Taken before looking, so work that appears while we look still wakes us.
            var wake = signal.WaitForWorkAsync(stopping);
            try
            {
                await BlockDependentsOfFailedAsync(stopping);
                while (running.Count < options.Concurrency && await TryClaimAsync(stopping) is { } claim)
                {
                    running.Add(executor.ExecuteAsync(claim, stopping));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The loop must outlive one bad query (a locked database, a full disk): log and go on.
                LogLoopError(ex);
            }
            var poll = Task.Delay(options.PollInterval, board.Time, stopping);
            await Task.WhenAny([wake, poll, .. running]).ContinueWith(_ => { }, TaskScheduler.Default);
            running.RemoveAll(t => t.IsCompleted);
        }
        // Shutdown: each run saw the stop, checkpointed its work and marked itself interrupted.
        await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>
    /// Runs this node left running when it stopped (a crash, a kill) are marked interrupted and
    /// their tasks queued again, so no task stays "running" forever after a restart.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        List<RunRecord> orphans;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            orphans = await db.Runs.Where(r => r.State == RunState.Running && r.NodeId == options.NodeId).ToListAsync(cancellationToken);
        }
        foreach (var run in orphans)
        {
            await board.MutateAsync(run.TaskId, (task, db) =>
            {
                db.Runs.Attach(run);
                run.State = RunState.Interrupted;
                run.EndedAt = board.Time.GetUtcNow();
                run.Error = "the node stopped while the run was in progress";
                board.Append(db, task, run.Id, EventKind.RunEnded, $"Run {run.Attempt} interrupted: the node stopped while it was in progress");
                if (TaskLifecycle.Next(task.State, TaskTrigger.Retry) is { } queued)
                {
                    board.Append(db, task, run.Id, EventKind.StateChanged, $"{task.State} → {queued}: resumes after restart");
                    task.State = queued;
                    task.StateReason = "interrupted by a restart; queued again";
                    task.NotBefore = null;
                }
            }, cancellationToken);
            LogRecovered(run.TaskId.Value, run.Attempt);
        }
    }

    private async Task<Claim?> TryClaimAsync(CancellationToken cancellationToken)
    {
        var now = board.Time.GetUtcNow();
        List<TaskId> candidates;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            candidates = await db.Tasks
                .Where(t => t.State == TaskState.Queued && (t.NotBefore == null || t.NotBefore <= now))
                .Where(t => t.DependsOn.All(d => db.Tasks.Any(x => x.Id == d.DependsOnId && x.State == TaskState.Merged)))
                .OrderByDescending(t => t.Priority).ThenBy(t => t.Id)
                .Select(t => t.Id)
                .Take(8)
                .ToListAsync(cancellationToken);
        }
        foreach (var id in candidates)
        {
            RunRecord? run = null;
            try
            {
                var task = await board.TransitionAsync(id, TaskTrigger.Claim, null, null, cancellationToken, (t, db) =>
                {
                    t.Attempts++;
                    t.NotBefore = null;
                    run = new RunRecord
                    {
                        TaskId = t.Id,
                        Attempt = t.Attempts,
                        Agent = t.Agent,
                        State = RunState.Running,
                        NodeId = options.NodeId,
                        StartedAt = board.Time.GetUtcNow(),
                    };
                    db.Runs.Add(run);
                });
                return new Claim(task, run!);
            }
            catch (InvalidTransitionException)
            {
                // Another worker claimed it between our query and our write: try the next one.
            }
        }
        return null;
    }

    private async Task BlockDependentsOfFailedAsync(CancellationToken cancellationToken)
    {
        List<(TaskId Task, TaskId Dependency, TaskState State)> blocked;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            blocked = (await db.TaskDependencies
                .Join(db.Tasks, d => d.TaskId, t => t.Id, (d, t) => new { d, t })
                .Where(x => x.t.State == TaskState.Queued)
                .Join(db.Tasks, x => x.d.DependsOnId, dep => dep.Id, (x, dep) => new { Task = x.t.Id, Dependency = dep.Id, dep.State })
                .Where(x => x.State == TaskState.Failed || x.State == TaskState.Cancelled || x.State == TaskState.Blocked)
                .ToListAsync(cancellationToken))
                .Select(x => (x.Task, x.Dependency, x.State)).ToList();
        }
        foreach (var (task, dependency, state) in blocked)
        {
            try
            {
                await board.TransitionAsync(task, TaskTrigger.Block, $"dependency {dependency} is {state}", null, cancellationToken);
            }
            catch (InvalidTransitionException)
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The worker loop hit an error; it goes on")]
    private partial void LogLoopError(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} run {Attempt} was left running by a stopped node; queued again")]
    private partial void LogRecovered(long taskId, int attempt);
}
