using Nightshift.Core.Tasks;
using Nightshift.Testing;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Dispatch;

public sealed class StoreFullReapTests
{
    [Fact]
    public async Task ARunWhoseLeaseExpiredWhileTheStoresDiskWasFull_IsHandedBackWithDiskFullAsTheReason()
    {
        using var disk = SmallDisk.Mount();
        await using var f = await LeaseFixture.StartAsync(home: disk.Path);
        var (_, run) = await f.Node("worker").ClaimAsync();
        var reaper = f.Node("other");
        await reaper.BeatAsync();

        disk.Fill();
        f.Clock.Advance(TestNode.BeatEvery);
        var failed = await Should.ThrowAsync<Exception>(reaper.BeatAsync);
        reaper.Disk.StoreFull.ShouldNotBeNull(failed.ToString());
        reaper.Disk.StoreFull!.Reason.ShouldStartWith($"disk full: {disk.Path} has ");
        reaper.Disk.PausedReason.ShouldBe(reaper.Disk.StoreFull.Reason);

        f.Clock.Advance(reaper.Options.LeaseDuration);
        await Should.ThrowAsync<Exception>(reaper.BeatAsync);
        disk.Free();
        await reaper.BeatAsync();

        reaper.Disk.StoreFull.ShouldBeNull();
        var stored = await f.RunAsync(run.Id);
        stored.State.ShouldBe(RunState.Interrupted);
        stored.Error!.ShouldContain("disk full");
        stored.Error!.ShouldNotContain("stopped heartbeating");
        (await f.TaskAsync()).StateReason!.ShouldStartWith("run 1 was handed back: disk full: ");
        (await f.EventsAsync(EventKind.RunEnded)).Single().Message.ShouldContain("could not write its heartbeat (disk full: ");
    }
}
