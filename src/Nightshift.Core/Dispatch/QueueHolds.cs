using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Projects;
using Nightshift.Core.Specs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Dispatch;

/// <summary>
/// Why queued work is not starting: the one reader behind what <c>ls</c>, <c>show</c>, <c>inbox</c>,
/// the API and the dashboard say about it. Each live node records its pause reason with its
/// heartbeat (<see cref="NodeRegistry.BeatAsync"/>); a stopped or silent node holds nothing back.
/// A ready task that no pause holds may still wait for a slot: every live node runs as many runs as
/// its concurrency allows, or its project has as many tasks at work as its <c>concurrency</c> allows.
/// </summary>
public sealed class QueueHolds(NodeRegistry registry, IDbContextFactory<NightshiftDb> dbs, ProjectRegistry projects)
{
    public const string DiskRemedy = "free disk space there, or lower the minimum (nightshift up --min-free-disk, or NIGHTSHIFT_MIN_FREE_DISK)";

    public const string NodeSlotsRemedy =
        $"it starts when a running task ends; to run more at once, start the node with nightshift up --concurrency N (or {WorkerOptions.ConcurrencyVariable})";

    public const string AgentLimitRemedy = "nothing to do: the agent's tasks start again by themselves then, and each resumes its session";

    public const string ProjectSlotsRemedy = "it starts when one of the project's tasks at work ends; to run more at once, raise concurrency in its .nightshift/project.yml";

    private static readonly IReadOnlyDictionary<TaskId, IReadOnlyList<QueueHold>> None = new Dictionary<TaskId, IReadOnlyList<QueueHold>>();

    /// <summary>What holds back all queued work: the nodes that paused themselves. What needs a person, for the inbox.</summary>
    public async Task<IReadOnlyList<QueueHold>> CurrentAsync(CancellationToken cancellationToken)
    {
        var nodes = await registry.ListAsync(cancellationToken);
        return [.. Paused(nodes), .. await LimitsAsync(nodes, cancellationToken)];
    }

    /// <summary>
    /// Why each of <paramref name="tasks"/> that is queued is not starting: the nodes' pauses, and
    /// for a ready one (past any backoff, every dependency merged, the same test a claim makes) a
    /// full concurrency limit. A task that is not queued, or holds nothing back, is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<TaskId, IReadOnlyList<QueueHold>>> ForTasksAsync(IReadOnlyCollection<TaskId> tasks, CancellationToken cancellationToken)
    {
        if (tasks.Count == 0)
        {
            return None;
        }
        var ids = tasks.Distinct().ToList();
        var now = registry.Time.GetUtcNow();
        List<(TaskId Id, ProjectId Project, string Agent, bool Ready)> queued;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            queued = (await db.Tasks.AsNoTracking()
                .Where(t => ids.Contains(t.Id) && t.State == TaskState.Queued)
                .Select(t => new
                {
                    t.Id,
                    t.ProjectId,
                    t.Agent,
                    t.NotBefore,
                    Unmerged = t.DependsOn.Any(d => db.Tasks.Any(x => x.Id == d.DependsOnId && x.State != TaskState.Merged)),
                })
                .ToListAsync(cancellationToken))
                .Select(x => (x.Id, x.ProjectId, x.Agent, !x.Unmerged && (x.NotBefore is null || x.NotBefore <= now))).ToList();
        }
        if (queued.Count == 0)
        {
            return None;
        }
        var nodes = await registry.ListAsync(cancellationToken);
        var paused = Paused(nodes);
        var limits = await LimitsAsync(nodes, cancellationToken);
        var nodeSlots = queued.Any(q => q.Ready) ? await NodeSlotsAsync(nodes, cancellationToken) : null;
        var projectSlots = new Dictionary<ProjectId, (bool Broken, QueueHold? Hold)>();
        var result = new Dictionary<TaskId, IReadOnlyList<QueueHold>>();
        foreach (var (id, project, agent, ready) in queued)
        {
            var holds = new List<QueueHold>(paused);
            // A task its agent's limit holds waits for the reset, not for a slot.
            holds.AddRange(limits.Where(l => l.Agent == agent));
            if (ready && holds.Count == paused.Count)
            {
                if (!projectSlots.TryGetValue(project, out var slots))
                {
                    slots = projectSlots[project] = await ProjectSlotsAsync(project, cancellationToken);
                }
                // A broken project's tasks wait for its file to be fixed (the project listing says
                // so), not for a slot.
                if (!slots.Broken && (slots.Hold ?? nodeSlots) is { } full)
                {
                    holds.Add(full);
                }
            }
            if (holds.Count > 0)
            {
                result[id] = holds;
            }
        }
        return result;
    }

    /// <summary>The usage limits that hold an agent's tasks on a live node until their reset.</summary>
    private async Task<IReadOnlyList<QueueHold>> LimitsAsync(IReadOnlyList<NodeRecord> nodes, CancellationToken cancellationToken)
    {
        var now = registry.Time.GetUtcNow();
        var live = nodes.Where(registry.IsAlive).Select(n => n.Id).ToList();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var limits = await db.AgentLimits.AsNoTracking()
            .Where(l => l.ResetAt > now && live.Contains(l.NodeId))
            .ToListAsync(cancellationToken);
        return [.. limits
            .OrderBy(l => l.Agent, StringComparer.Ordinal).ThenBy(l => l.NodeId, StringComparer.Ordinal)
            .Select(l => new QueueHold(l.NodeId, AgentLimitText.Describe(l.Agent, l.ResetAt, l.ResetKnown, now, registry.Time.LocalTimeZone), AgentLimitRemedy)
            {
                Kind = QueueHoldKind.AgentLimit,
                Agent = l.Agent,
                Until = l.ResetAt,
            })];
    }

    private IReadOnlyList<QueueHold> Paused(IReadOnlyList<NodeRecord> nodes) =>
        [.. nodes
            .Where(n => n.PausedReason is not null && registry.IsAlive(n))
            .OrderBy(n => n.Id, StringComparer.Ordinal)
            .Select(n => new QueueHold(n.Id, n.PausedReason!, DiskRemedy))];

    /// <summary>Every slot of the live nodes that take work busy with a run, or null (a free slot, or no such node).</summary>
    private async Task<QueueHold?> NodeSlotsAsync(IReadOnlyList<NodeRecord> nodes, CancellationToken cancellationToken)
    {
        var taking = nodes.Where(n => registry.IsAlive(n) && !n.Draining && n.PausedReason is null && n.Concurrency > 0).ToList();
        if (taking.Count == 0)
        {
            return null;
        }
        var names = taking.Select(n => n.Id).ToList();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var busy = await db.Runs.CountAsync(r => r.State == RunState.Running && names.Contains(r.NodeId), cancellationToken);
        var slots = taking.Sum(n => n.Concurrency);
        return busy < slots ? null : new QueueHold(string.Join(", ", names), $"waiting for a free slot ({busy} of {slots} busy)", NodeSlotsRemedy) { Kind = QueueHoldKind.Slots };
    }

    /// <summary>The project's own limit reached (<see cref="ProjectConfig.Concurrency"/>), counted as a claim counts it.</summary>
    private async Task<(bool Broken, QueueHold? Hold)> ProjectSlotsAsync(ProjectId id, CancellationToken cancellationToken)
    {
        ProjectRecord project;
        ProjectConfig config;
        try
        {
            project = await projects.FindAsync(id.ToString(), cancellationToken);
            config = await ProjectRegistry.LoadConfigAsync(project, cancellationToken);
        }
        catch (Exception ex) when (ex is SpecValidationException or ProjectException or IOException)
        {
            return (true, null);
        }
        if (config.Concurrency is not { } limit)
        {
            return (false, null);
        }
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var busy = await db.Tasks.CountAsync(t => t.ProjectId == id && TaskClaims.BusyStates.Contains(t.State), cancellationToken);
        return (false, busy < limit ? null
            : new QueueHold(string.Empty, $"waiting for a free slot ({busy} of {limit} busy in project {project.Name})", ProjectSlotsRemedy) { Kind = QueueHoldKind.Slots });
    }
}
