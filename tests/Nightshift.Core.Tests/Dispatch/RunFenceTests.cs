using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

public sealed class RunFenceTests
{
    [Fact]
    public async Task EndAsync_ByAHolderWhoseRunWasReapedAndReclaimed_IsRefused_AndOnlyTheDiscardIsRecorded()
    {
        await using var f = await LeaseFixture.StartAsync();
        var stale = f.Node("stale");
        var live = f.Node("live");
        var (staleLease, staleRun) = await stale.ClaimAsync();
        f.Clock.Advance(stale.Options.LeaseDuration + TestNode.BeatEvery);
        await live.BeatAsync();
        var (_, liveRun) = await live.ClaimAsync();
        var seqBefore = (await f.TaskAsync()).LastEventSeq;

        staleRun.ExitCode = 0;
        staleRun.HeadCommit = "stale";
        var accepted = await stale.Outcomes.EndAsync(staleLease, staleRun, RunState.Succeeded, null, TaskTrigger.AgentFinished, "the stale node finished");

        accepted.ShouldBeFalse();
        staleLease.IsLost.ShouldBeTrue();
        var reaped = await f.RunAsync(staleRun.Id);
        reaped.State.ShouldBe(RunState.Interrupted);
        reaped.HeadCommit.ShouldBeNull();
        (await f.RunAsync(liveRun.Id)).State.ShouldBe(RunState.Running);
        var task = await f.TaskAsync();
        task.State.ShouldBe(TaskState.Running);
        task.LastEventSeq.ShouldBe(seqBefore + 1);
        var discarded = (await f.EventsAsync(EventKind.RunDiscarded)).ShouldHaveSingleItem();
        discarded.RunId.ShouldBe(staleRun.Id);
        discarded.Message.ShouldContain("Run 1 on node stale no longer holds its lease");
        discarded.Message.ShouldEndWith("discarded: Succeeded");
    }

    [Fact]
    public async Task EveryLaterWriteOfALostRun_IsRefused_WithOneDiscardEventInAll()
    {
        await using var f = await LeaseFixture.StartAsync();
        var stale = f.Node("stale");
        var (lease, run) = await stale.ClaimAsync();
        f.Clock.Advance(stale.Options.LeaseDuration + TestNode.BeatEvery);
        await f.Node("live").BeatAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => stale.Fence.AppendAsync(lease, EventKind.Log, "late output"));
        (await stale.Fence.TryAppendManyAsync(lease, [(EventKind.Log, "more", null)])).ShouldBeFalse();
        (await stale.Fence.IsHeldAsync(lease, CancellationToken.None)).ShouldBeFalse();
        (await stale.Outcomes.FailOrRetryAsync(lease, run, RunState.Failed, "late failure", 3)).ShouldBeFalse();
        (await stale.Outcomes.EndAsync(lease, run, RunState.Succeeded, null, null, null)).ShouldBeFalse();

        (await f.EventsAsync(EventKind.Log)).ShouldBeEmpty();
        (await f.EventsAsync(EventKind.RunDiscarded)).Count.ShouldBe(1);
        (await f.EventsAsync(EventKind.RunEnded)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task AHolderWhoseLeaseExpired_ButWasNotReaped_StillRecordsItsResult()
    {
        await using var f = await LeaseFixture.StartAsync();
        var node = f.Node("slow");
        var (lease, run) = await node.ClaimAsync();
        f.Clock.Advance(node.Options.LeaseDuration * 3);

        (await node.Outcomes.EndAsync(lease, run, RunState.Failed, "gave up", TaskTrigger.Fail, "gave up")).ShouldBeTrue();

        (await f.RunAsync(run.Id)).State.ShouldBe(RunState.Failed);
        (await f.TaskAsync()).State.ShouldBe(TaskState.Failed);
        (await f.Node("late-reaper").Reaper.ReapExpiredAsync(CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task AReaperAndTheHolder_RacingForOneRun_RecordExactlyOneOutcome()
    {
        for (var round = 0; round < 10; round++)
        {
            await using var f = await LeaseFixture.StartAsync();
            var holder = f.Node("holder");
            var reaper = f.Node("reaper");
            var (lease, run) = await holder.ClaimAsync();
            f.Clock.Advance(holder.Options.LeaseDuration + TimeSpan.FromSeconds(1));

            var ended = Task.Run(() => holder.Outcomes.EndAsync(lease, run, RunState.Succeeded, null, TaskTrigger.Fail, "done"));
            var reaped = Task.Run(() => reaper.Reaper.ReapExpiredAsync(CancellationToken.None));
            var (holderWon, reapedCount) = (await ended, await reaped);

            (holderWon ^ (reapedCount == 1)).ShouldBeTrue($"round {round}: holder won {holderWon}, reaped {reapedCount}");
            (await f.EventsAsync(EventKind.RunEnded)).Count.ShouldBe(1);
            (await f.RunAsync(run.Id)).State.ShouldBe(holderWon ? RunState.Succeeded : RunState.Interrupted);
        }
    }
}
