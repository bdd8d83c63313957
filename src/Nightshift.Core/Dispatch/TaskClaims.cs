using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Projects;
using Nightshift.Core.Specs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Dispatch;

/// <summary>
/// Which task this node takes next: queued, past any backoff, every dependency merged, its agent
/// not waiting here for a usage limit to reset, highest priority first. A claim is a state change with the task's concurrency token, so of several
/// nodes racing for one task exactly one gets it; the run it starts holds a fresh lease.
/// </summary>
public sealed class TaskClaims(IDbContextFactory<NightshiftDb> dbs, TaskBoard board, DiskGuard disk, ProjectRegistry projects, WorkerOptions options)
{
    private const int Candidates = 8;

    /// <summary>The states in which a task takes one of its project's places under its <c>concurrency</c>.</summary>
    public static readonly TaskState[] BusyStates = [TaskState.Running, TaskState.Planning, TaskState.NeedsInput, TaskState.Verifying];

    public TimeProvider Time => board.Time;

    /// <summary>Why this node claims nothing right now (low disk space), or null.</summary>
    public string? PausedReason => disk.PausedReason;

    public async Task<RunClaim?> TryClaimAsync(CancellationToken cancellationToken)
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
                // Held here until the reset: this node's login of the agent would only meet its limit again.
                .Where(t => !db.AgentLimits.Any(l => l.NodeId == options.NodeId && l.Agent == t.Agent && l.ResetAt > now))
                .OrderByDescending(t => t.Priority).ThenBy(t => t.Id)
                .Select(t => new { t.Id, t.ProjectId })
                .Take(Candidates)
                .ToListAsync(cancellationToken))
                .Select(x => (x.Id, x.ProjectId)).ToList();
        }
        var limits = new Dictionary<ProjectId, int?>();
        var full = new HashSet<ProjectId>();
        foreach (var (id, project) in candidates)
        {
            if (full.Contains(project))
            {
                continue;
            }
            if (!limits.TryGetValue(project, out var limit))
            {
                if (await ConfigAsync(project, cancellationToken) is not { } config)
                {
                    // A broken project's tasks wait in the queue until its file is fixed (the
                    // project listing says why) instead of failing runs; the others go on.
                    full.Add(project);
                    continue;
                }
                limit = limits[project] = config.Concurrency;
            }
            RunRecord? run = null;
            try
            {
                var task = await board.TransitionAsync(id, TaskTrigger.Claim, null, null, async (t, db) =>
                {
                    if (limit is { } max)
                    {
                        await TakePlaceAsync(db, t.ProjectId, max, cancellationToken);
                    }
                    var ports = await FreePortBlockAsync(db, cancellationToken);
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
                        PortBase = ports,
                    };
                    db.Runs.Add(run);
                }, cancellationToken);
                return new RunClaim(task, run!);
            }
            catch (InvalidTransitionException)
            {
                // Another node claimed it between our query and our write: try the next one.
            }
            catch (ProjectFullException)
            {
                full.Add(project);
            }
            catch (PortsFullException)
            {
                // Every port block is held by a live run: nothing more starts until one ends.
                return null;
            }
        }
        return null;
    }

    /// <summary>
    /// The lowest port block no Running run holds, read in the claim's own change. Two claims that
    /// read the same free block cannot both commit: a unique index over the Running runs' blocks
    /// turns the second into a conflict, and the board applies its claim again to fresh rows.
    /// </summary>
    private async Task<int> FreePortBlockAsync(NightshiftDb db, CancellationToken cancellationToken)
    {
        var held = await db.Runs.Where(r => r.State == RunState.Running && r.PortBase != null).Select(r => r.PortBase!.Value).ToListAsync(cancellationToken);
        return options.Ports.FirstFree(held) ?? throw new PortsFullException();
    }

    /// <summary>
    /// Takes one of the project's places under its limit, in the claim's own transaction. The
    /// project row's token is read first and moved by the claim, so of two nodes that both saw the
    /// last free place, the second one's save fails, and it counts again (and finds none).
    /// </summary>
    private static async Task TakePlaceAsync(NightshiftDb db, ProjectId projectId, int limit, CancellationToken cancellationToken)
    {
        var project = await db.Projects.SingleAsync(p => p.Id == projectId, cancellationToken);
        var busy = await db.Tasks.CountAsync(t => t.ProjectId == projectId && BusyStates.Contains(t.State), cancellationToken);
        if (busy >= limit)
        {
            throw new ProjectFullException();
        }
        project.ClaimSeq++;
    }

    /// <summary>The project's configuration (its <c>concurrency</c> limits claims over every node); null while the project is broken.</summary>
    private async Task<ProjectConfig?> ConfigAsync(ProjectId project, CancellationToken cancellationToken)
    {
        try
        {
            var record = await projects.FindAsync(project.ToString(), cancellationToken);
            return await ProjectRegistry.LoadConfigAsync(record, cancellationToken);
        }
        catch (Exception ex) when (ex is SpecValidationException or ProjectException or IOException)
        {
            return null;
        }
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
