using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Storage;

using Nightshift.Core.Tasks;
namespace Nightshift.Core.Dispatch;

/// <summary>
/// The nodes table: this node's registration, its heartbeats (each one renews the leases of the
/// runs it holds) and its stop; and, for the API, what every node last reported.
/// </summary>
public sealed class NodeRegistry(IDbContextFactory<NightshiftDb> dbs, TimeProvider time, WorkerOptions options)
{
    public static string Version { get; } =
        typeof(NodeRegistry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public TimeProvider Time => time;

    /// <summary>Records that this node started; returns the row its previous process left, if any.</summary>
    public async Task<NodeRecord?> RegisterAsync(string? pausedReason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var previous = await db.Nodes.AsNoTracking().SingleOrDefaultAsync(n => n.Id == options.NodeId, cancellationToken);
        var node = NewRow(now, pausedReason, draining: false);
        if (previous is null)
        {
            db.Nodes.Add(node);
        }
        else
        {
            db.Nodes.Update(node);
        }
        await db.SaveChangesAsync(cancellationToken);
        return previous;
    }

    /// <summary>
    /// One heartbeat: the node row says it is alive, and every run in <paramref name="held"/> that
    /// is still this node's gets its lease extended to now + <see cref="WorkerOptions.LeaseDuration"/>.
    /// Returns the runs that could not be renewed: another node reaped them, so they are lost.
    /// </summary>
    public async Task<IReadOnlyList<RunId>> BeatAsync(IReadOnlyCollection<RunId> held, string? pausedReason, bool draining, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + options.LeaseDuration;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var beat = await db.Nodes.Where(n => n.Id == options.NodeId).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.LastHeartbeatAt, now)
            .SetProperty(n => n.PausedReason, pausedReason)
            .SetProperty(n => n.Draining, draining), cancellationToken);
        if (beat == 0)
        {
            // Someone removed the row (a manual clean-up): register again rather than beat into nothing.
            db.Nodes.Add(NewRow(now, pausedReason, draining));
            await db.SaveChangesAsync(cancellationToken);
        }
        IReadOnlyList<RunId> lost = [];
        if (held.Count > 0)
        {
            var ids = held.ToList();
            // Only Running runs still recorded under this node: a reaped run is never revived.
            var mine = db.Runs.Where(r => ids.Contains(r.Id) && r.NodeId == options.NodeId && r.State == RunState.Running);
            var renewed = await mine.ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, until), cancellationToken);
            if (renewed < ids.Count)
            {
                var still = await mine.Select(r => r.Id).ToListAsync(cancellationToken);
                lost = [.. ids.Except(still)];
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return lost;
    }

    /// <summary>Records a clean stop: the node takes no work and holds no run any more.</summary>
    public async Task MarkStoppedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await db.Nodes.Where(n => n.Id == options.NodeId).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.StoppedAt, now)
            .SetProperty(n => n.LastHeartbeatAt, now)
            .SetProperty(n => n.Draining, true), cancellationToken);
    }

    /// <summary>Every node that ever registered, with what it last reported (liveness, pause reason), newest first.</summary>
    public async Task<IReadOnlyList<NodeRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var nodes = await db.Nodes.AsNoTracking().ToListAsync(cancellationToken);
        return [.. nodes.OrderByDescending(n => n.LastHeartbeatAt)];
    }

    public async Task<NodeRecord?> FindAsync(string nodeId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Nodes.AsNoTracking().SingleOrDefaultAsync(n => n.Id == nodeId, cancellationToken);
    }

    /// <summary>Alive: not stopped, and heard from within one lease.</summary>
    public bool IsAlive(NodeRecord node) => node.StoppedAt is null && time.GetUtcNow() - node.LastHeartbeatAt < options.LeaseDuration;

    private NodeRecord NewRow(DateTimeOffset now, string? pausedReason, bool draining) => new()
    {
        Id = options.NodeId,
        Version = Version,
        ProcessId = Environment.ProcessId,
        StartedAt = now,
        LastHeartbeatAt = now,
        Draining = draining,
        PausedReason = pausedReason,
        Concurrency = options.Concurrency,
    };
}
