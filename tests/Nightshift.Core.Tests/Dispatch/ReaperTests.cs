using Nightshift.Core.Runs;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

public sealed class ReaperTests
{
    [Fact]
    public async Task ReapExpired_LeavesARunAlone_UntilItsLeaseHasExpired()
    {
        await using var f = await LeaseFixture.StartAsync();
        var (_, run) = await f.Node("dead").ClaimAsync();
        var reaper = f.Node("alive");

        f.Clock.Advance(reaper.Options.LeaseDuration - TimeSpan.FromMilliseconds(1));
        (await reaper.Reaper.ReapExpiredAsync(CancellationToken.None)).ShouldBe(0);
        f.Clock.Advance(TimeSpan.FromMilliseconds(2));
        (await reaper.Reaper.ReapExpiredAsync(CancellationToken.None)).ShouldBe(1);

        (await f.RunAsync(run.Id)).State.ShouldBe(RunState.Interrupted);
    }

    [Fact]
    public async Task ReapExpired_InterruptsTheRun_CountsTheAttempt_AndQueuesTheTaskWithEvents()
    {
        await using var f = await LeaseFixture.StartAsync();
        var (_, run) = await f.Node("dead").ClaimAsync();
        var reaper = f.Node("alive");

        f.Clock.Advance(reaper.Options.LeaseDuration + TestNode.BeatEvery);
        await reaper.Reaper.ReapExpiredAsync(CancellationToken.None);

        var stored = await f.RunAsync(run.Id);
        stored.State.ShouldBe(RunState.Interrupted);
        stored.Error.ShouldBe("node dead stopped heartbeating; the run's lease expired");
        stored.EndedAt.ShouldBe(f.Clock.GetUtcNow());
        var task = await f.TaskAsync();
        task.State.ShouldBe(TaskState.Queued);
        task.Attempts.ShouldBe(1);
        task.StateReason.ShouldBe("run 1 was handed back: node dead stopped heartbeating; queued again");
        (await f.EventsAsync(EventKind.RunEnded)).Single().Message.ShouldBe("Run 1 Interrupted: node dead stopped heartbeating; the run's lease expired");
        (await f.EventsAsync(EventKind.StateChanged))[^1].Message.ShouldStartWith("Running → Queued: run 1 was handed back");

        var (_, next) = await reaper.ClaimAsync();
        next.Attempt.ShouldBe(2);
        next.NodeId.ShouldBe("alive");
    }

    [Fact]
    public async Task ManyReapersRacingForOneExpiredRun_ReapItExactlyOnce()
    {
        await using var f = await LeaseFixture.StartAsync();
        await f.Node("dead").ClaimAsync();
        var reapers = Enumerable.Range(1, 8).Select(i => f.Node($"reaper-{i}")).ToList();
        f.Clock.Advance(reapers[0].Options.LeaseDuration + TimeSpan.FromSeconds(1));

        var reaped = await Task.WhenAll(reapers.Select(r => Task.Run(() => r.Reaper.ReapExpiredAsync(CancellationToken.None))));

        reaped.Sum().ShouldBe(1);
        (await f.EventsAsync(EventKind.RunEnded)).Count.ShouldBe(1);
        (await f.EventsAsync(EventKind.StateChanged)).Count(e => e.Message.StartsWith("Running → Queued", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Start_ReapsTheNodesOwnLeftoversAtOnce_ButNotALiveRunOfAnotherNode()
    {
        await using var f = await LeaseFixture.StartAsync();
        var (_, leftover) = await f.Node("a").ClaimAsync();
        await f.Engine.AddAsync("---\ncommand: \"true\"\n---\n# Other\n\nRun.\n", "other.md");
        var (_, others) = await f.Node("b").ClaimAsync();

        var restarted = f.Node("a");
        await restarted.Heartbeat.StartAsync(CancellationToken.None);

        var stored = await f.RunAsync(leftover.Id);
        stored.State.ShouldBe(RunState.Interrupted);
        stored.Error.ShouldBe("node a restarted while the run was in progress");
        (await f.TaskAsync()).State.ShouldBe(TaskState.Queued);
        (await f.RunAsync(others.Id)).State.ShouldBe(RunState.Running);
        await restarted.Heartbeat.StopAsync();
    }

    [Fact]
    public async Task ReapExpired_OfARunWhoseTaskWasCancelled_EndsTheRunAndLeavesTheTaskCancelled()
    {
        await using var f = await LeaseFixture.StartAsync();
        var (_, run) = await f.Node("dead").ClaimAsync();
        await f.Engine.Get<TaskControl>().CancelAsync(f.Task.Id, "test", CancellationToken.None);
        var reaper = f.Node("alive");

        f.Clock.Advance(reaper.Options.LeaseDuration + TimeSpan.FromSeconds(1));
        (await reaper.Reaper.ReapExpiredAsync(CancellationToken.None)).ShouldBe(1);

        (await f.RunAsync(run.Id)).State.ShouldBe(RunState.Interrupted);
        (await f.TaskAsync()).State.ShouldBe(TaskState.Cancelled);
    }
}
