using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Projects;
using Nightshift.Core.Runs;
using Nightshift.Core.Specs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Dispatch;

/// <summary>
/// Which task this node takes next: queued, past any backoff, every dependency merged, highest
/// priority first. A claim is a state change with the task's concurrency token, so of several
/// nodes racing for one task exactly one gets it; the run it starts holds a fresh lease.
/// </summary>
public sealed class TaskClaims(IDbContextFactory<NightshiftDb> dbs, TaskBoard board, DiskGuard disk, ProjectRegistry projects, WorkerOptions options)
{
    private const int Candidates = 8;

    public TimeProvider Time => board.Time;

    /// <summary>Why this node claims nothing right now (low disk space), or null.</summary>
    public string? PausedReason => disk.PausedReason;

    public async Task<Claim?> TryClaimAsync(CancellationToken cancellationToken)
    {
        if (disk.Check() is not null)
        {
            return null;
        }
        var now = board.Time.GetUtcNow();
        List<(TaskId Id, ProjectId Project)> candidates;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            candidates = (await db.Tasks
                .Where(t => t.State == TaskState.Queued && (t.NotBefore == null || t.NotBefore <= now))
                .Where(t => t.DependsOn.All(d => db.Tasks.Any(x => x.Id == d.DependsOnId && x.State == TaskState.Merged)))
                .OrderByDescending(t => t.Priority).ThenBy(t => t.Id)
                .Select(t => new { t.Id, t.ProjectId })
                .Take(Candidates)
                .ToListAsync(cancellationToken))
                .Select(x => (x.Id, x.ProjectId)).ToList();
        }
        var room = new Dictionary<ProjectId, int>();
        foreach (var (id, project) in candidates)
        {
            if (!await HasRoomAsync(project, room, cancellationToken))
            {
                continue;
            }
            RunRecord? run = null;
            try
            {
                var task = await board.TransitionAsync(id, TaskTrigger.Claim, null, null, cancellationToken, (t, db) =>
                {
                    var started = board.Time.GetUtcNow();
                    t.Attempts++;
                    t.NotBefore = null;
                    // A new run reports its own progress; the last run's would mislead a board card.
                    t.ProgressPercent = null;
                    t.ProgressLine = null;
                    run = new RunRecord
                    {
                        TaskId = t.Id,
                        Attempt = t.Attempts,
                        Agent = t.Agent,
                        State = RunState.Running,
                        NodeId = options.NodeId,
                        StartedAt = started,
                        LeaseExpiresAt = started + options.LeaseDuration,
                    };
                    db.Runs.Add(run);
                });
                return new Claim(task, run!);
            }
            catch (InvalidTransitionException)
            {
                // Another node claimed it between our query and our write: try the next one.
            }
        }
        return null;
    }

    /// <summary>
    /// Whether the project's own limit (project.yml `concurrency`) leaves room for one more task
    /// with an agent at work, counted over every node. Two nodes claiming at the same instant can
    /// each see the last free place; the limit is then exceeded by one until a run ends.
    /// </summary>
    private async Task<bool> HasRoomAsync(ProjectId project, Dictionary<ProjectId, int> room, CancellationToken cancellationToken)
    {
        if (!room.TryGetValue(project, out var left))
        {
            var record = await projects.FindAsync(project.ToString(), cancellationToken);
            ProjectConfig config;
            try
            {
                config = await ProjectRegistry.LoadConfigAsync(record, cancellationToken);
            }
            catch (Exception ex) when (ex is SpecValidationException or ProjectException or IOException)
            {
                // The run itself reports a bad or missing project file; the limit cannot be read, so none applies.
                config = new ProjectConfig();
            }
            if (config.Concurrency is not { } limit)
            {
                left = int.MaxValue;
            }
            else
            {
                await using var db = await dbs.CreateDbContextAsync(cancellationToken);
                var busy = await db.Tasks.CountAsync(t => t.ProjectId == project
                    && (t.State == TaskState.Running || t.State == TaskState.Planning || t.State == TaskState.NeedsInput
                        || t.State == TaskState.Verifying), cancellationToken);
                left = limit - busy;
            }
        }
        room[project] = left - 1;
        return left > 0;
    }

    /// <summary>Queued tasks whose dependency failed, was cancelled or is blocked are blocked too, with the reason.</summary>
    public async Task BlockDependentsOfFailedAsync(CancellationToken cancellationToken)
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
                // It left Queued meanwhile (claimed, cancelled): nothing to block.
            }
        }
    }
}
