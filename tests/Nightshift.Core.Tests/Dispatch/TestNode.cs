using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Runs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
namespace Nightshift.Core.Tests.Dispatch;

/// <summary>
/// The dispatch parts of one worker node, named <see cref="Name"/>, on a harness's database and
/// clock: several of these on one harness are several nodes sharing a store.
/// </summary>
internal sealed class TestNode
{
    public static readonly TimeSpan BeatEvery = TimeSpan.FromSeconds(10);

    public TestNode(EngineHarness engine, string name, long minFreeDiskBytes = 0, TimeSpan? heartbeat = null)
    {
        Name = name;
        Options = EngineHarness.Fast with { NodeId = name, HeartbeatInterval = heartbeat ?? BeatEvery, MinFreeDiskBytes = minFreeDiskBytes };
        var dbs = engine.Get<IDbContextFactory<NightshiftDb>>();
        var time = engine.Get<TimeProvider>();
        Fence = engine.Get<RunFence>();
        Outcomes = new RunOutcomes(dbs, Fence, engine.Get<TaskBoard>(), Options);
        Registry = new NodeRegistry(dbs, time, Options);
        // Agents are real processes: their stop grace is real time, whatever the harness's clock.
        Processes = new Nightshift.Core.Processes.Containments(engine.Home.Path, name, TimeProvider.System);
        Orphans = new OrphanedAgents(Options, Processes, TimeProvider.System, NullLogger<OrphanedAgents>.Instance);
        Reaper = new Reaper(dbs, Fence, Active, Orphans, Options, NullLogger<Reaper>.Instance);
        Disk = new DiskGuard(engine.Home, Options, NullLogger<DiskGuard>.Instance);
        Claims = new TaskClaims(dbs, engine.Get<TaskBoard>(), Disk, engine.Get<Nightshift.Core.Projects.ProjectRegistry>(), Options);
        Sweep = new AgentStateSweep(dbs, engine.Get<Nightshift.Core.Agents.AgentCatalog>(), Active, engine.Get<TaskBoard>(), NullLogger<AgentStateSweep>.Instance);
        Heartbeat = new NodeHeartbeat(Registry, Reaper, Sweep, Disk, Active, Options, NullLogger<NodeHeartbeat>.Instance);
    }

    public string Name { get; }

    public WorkerOptions Options { get; }

    public ActiveRuns Active { get; } = new();

    public Nightshift.Core.Processes.Containments Processes { get; }

    public RunFence Fence { get; }

    public RunOutcomes Outcomes { get; }

    public NodeRegistry Registry { get; }

    public OrphanedAgents Orphans { get; }

    public Reaper Reaper { get; }

    public DiskGuard Disk { get; }

    public AgentStateSweep Sweep { get; }

    public TaskClaims Claims { get; }

    public NodeHeartbeat Heartbeat { get; }

    /// <summary>Claims the next ready task and holds its run, as the worker does before starting the agent.</summary>
    public async Task<(RunLease Lease, RunRecord Run)> ClaimAsync()
    {
        var claim = await Claims.TryClaimAsync(CancellationToken.None) ?? throw new InvalidOperationException($"node {Name} found nothing to claim");
        return (Active.Start(claim.Run, CancellationToken.None), claim.Run);
    }

    public Task BeatAsync() => Heartbeat.BeatAsync(CancellationToken.None);
}
