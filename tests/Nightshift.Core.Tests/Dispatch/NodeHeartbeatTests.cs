using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Dispatch;

public sealed class NodeHeartbeatTests
{
    [Fact]
    public async Task Beat_RenewsTheLeaseOfEveryHeldRun_ToNowPlusTheLeaseDuration()
    {
        await using var f = await LeaseFixture.StartAsync();
        var node = f.Node("a");
        await node.Heartbeat.StartAsync(CancellationToken.None);
        var (_, run) = await node.ClaimAsync();
        (await f.RunAsync(run.Id)).LeaseExpiresAt.ShouldBe(f.Clock.GetUtcNow() + node.Options.LeaseDuration);

        f.Clock.Advance(TimeSpan.FromSeconds(7));
        await node.BeatAsync();

        (await f.RunAsync(run.Id)).LeaseExpiresAt.ShouldBe(f.Clock.GetUtcNow() + node.Options.LeaseDuration);
        (await node.Registry.FindAsync("a", CancellationToken.None))!.LastHeartbeatAt.ShouldBe(f.Clock.GetUtcNow());
        await node.Heartbeat.StopAsync();
    }

    [Fact]
    public async Task ASixHourRunOnAHealthyNode_IsNeverTouchedByAnotherNodesReaper()
    {
        await using var f = await LeaseFixture.StartAsync();
        var beat = TimeSpan.FromMinutes(1);
        var owner = new TestNode(f.Engine, "owner", heartbeat: beat);
        var other = new TestNode(f.Engine, "other", heartbeat: beat);
        var (lease, run) = await owner.ClaimAsync();

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(6); elapsed += beat)
        {
            f.Clock.Advance(beat);
            await owner.BeatAsync();
            await other.BeatAsync();
        }

        var stored = await f.RunAsync(run.Id);
        stored.State.ShouldBe(RunState.Running);
        stored.LeaseExpiresAt.ShouldBe(f.Clock.GetUtcNow() + owner.Options.LeaseDuration);
        lease.IsLost.ShouldBeFalse();
        lease.Token.IsCancellationRequested.ShouldBeFalse();
        (await f.EventsAsync(EventKind.RunEnded)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Beat_OfANodeWhoseRunWasReaped_LosesTheLeaseAndStopsTheRun_WithoutRevivingIt()
    {
        await using var f = await LeaseFixture.StartAsync();
        var frozen = f.Node("frozen");
        var reaper = f.Node("reaper");
        var (lease, run) = await frozen.ClaimAsync();

        f.Clock.Advance(frozen.Options.LeaseDuration + TimeSpan.FromSeconds(1));
        await reaper.BeatAsync();
        await frozen.BeatAsync();

        lease.IsLost.ShouldBeTrue();
        lease.Token.IsCancellationRequested.ShouldBeTrue();
        var stored = await f.RunAsync(run.Id);
        stored.State.ShouldBe(RunState.Interrupted);
        stored.LeaseExpiresAt!.Value.ShouldBeLessThan(f.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Stop_MarksTheNodeStopped_AndDrainingIsReportedBeforeThat()
    {
        await using var f = await LeaseFixture.StartAsync();
        var node = f.Node("a");
        await node.Heartbeat.StartAsync(CancellationToken.None);
        var row = await node.Registry.FindAsync("a", CancellationToken.None);
        row.ShouldNotBeNull();
        row.StoppedAt.ShouldBeNull();
        row.Version.ShouldNotBeNullOrWhiteSpace();
        node.Registry.IsAlive(row).ShouldBeTrue();

        await node.Heartbeat.DrainAsync();
        (await node.Registry.FindAsync("a", CancellationToken.None))!.Draining.ShouldBeTrue();
        await node.Heartbeat.StopAsync();

        row = await node.Registry.FindAsync("a", CancellationToken.None);
        row!.StoppedAt.ShouldBe(f.Clock.GetUtcNow());
        node.Registry.IsAlive(row).ShouldBeFalse();
    }

    [Fact]
    public async Task Start_RemovesFinishedTasksAgentState()
    {
        await using var f = await LeaseFixture.StartAsync();
        var merged = await AgentStateSweepTests.MergedTaskAsync(f);
        var folder = AgentStateSweepTests.MakeState(AgentStateSweepTests.StateRoots(f)[0], merged.Id);
        var node = f.Node("a");

        await node.Heartbeat.StartAsync(CancellationToken.None);
        await node.Heartbeat.Sweeping;

        Directory.Exists(folder).ShouldBeFalse();
        await node.Heartbeat.StopAsync();
    }

    [Fact]
    public async Task Beat_SweepsAgentStateAgain_OnlyOnceTheSweepIntervalHasPassed()
    {
        await using var f = await LeaseFixture.StartAsync();
        var node = f.Node("a");
        await node.BeatAsync();
        await node.Heartbeat.Sweeping;
        var merged = await AgentStateSweepTests.MergedTaskAsync(f);
        var folder = AgentStateSweepTests.MakeState(AgentStateSweepTests.StateRoots(f)[0], merged.Id);

        f.Clock.Advance(node.Options.StateSweepInterval - TimeSpan.FromSeconds(1));
        await node.BeatAsync();
        await node.Heartbeat.Sweeping;
        Directory.Exists(folder).ShouldBeTrue();

        f.Clock.Advance(TimeSpan.FromSeconds(1));
        await node.BeatAsync();
        await node.Heartbeat.Sweeping;
        Directory.Exists(folder).ShouldBeFalse();
    }

    [Fact]
    public async Task ANodeThatStoppedBeating_IsNotAliveAfterOneLease()
    {
        await using var f = await LeaseFixture.StartAsync();
        var node = f.Node("a");
        await node.Registry.RegisterAsync(null, CancellationToken.None);

        f.Clock.Advance(node.Options.LeaseDuration);

        var nodes = await node.Registry.ListAsync(CancellationToken.None);
        nodes.Single().Id.ShouldBe("a");
        node.Registry.IsAlive(nodes.Single()).ShouldBeFalse();
    }
}
