using Nightshift.Core.Dispatch;
using Nightshift.Core.Runs;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Dispatch;

public sealed class DiskGuardTests
{
    [Fact]
    public async Task AWorkerBelowTheFreeDiskMinimum_ClaimsNothing_AndSaysWhyOnItsNodeRow()
    {
        var options = EngineHarness.Fast with { NodeId = "full-disk", MinFreeDiskBytes = long.MaxValue, HeartbeatInterval = TimeSpan.FromMilliseconds(200) };
        await using var engine = await EngineHarness.StartAsync(options);
        var task = await engine.AddAsync("---\ncommand: \"true\"\n---\n# Waits for disk\n\nRun.\n");
        engine.StartWorker();

        var registry = engine.Get<NodeRegistry>();
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while ((await registry.FindAsync("full-disk", CancellationToken.None))?.PausedReason is null && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(50);
        }
        await Task.Delay(options.PollInterval * 3);

        var node = await registry.FindAsync("full-disk", CancellationToken.None);
        node!.PausedReason.ShouldNotBeNull();
        node.PausedReason.ShouldStartWith("low disk, ");
        node.PausedReason.ShouldContain(" free of the ");
        node.PausedReason.ShouldContain(engine.Home.WorktreesPath);
        engine.Get<Worker>().PausedReason.ShouldBe(node.PausedReason);
        (await engine.Get<TaskQueries>().FindAsync(task.Id.ToString(), CancellationToken.None)).State.ShouldBe(TaskState.Queued);
    }

    [Fact]
    public async Task Check_WithAMinimumTheDiskMeets_AllowsClaims()
    {
        await using var f = await LeaseFixture.StartAsync();
        var node = new TestNode(f.Engine, "roomy", minFreeDiskBytes: 1);

        node.Disk.Check().ShouldBeNull();
        await node.ClaimAsync();
    }

    [Fact]
    public async Task Check_WithAMinimumAboveTheFreeSpace_RefusesClaims()
    {
        await using var f = await LeaseFixture.StartAsync();
        var node = new TestNode(f.Engine, "cramped", minFreeDiskBytes: long.MaxValue);

        node.Disk.Check().ShouldNotBeNull();
        (await node.Claims.TryClaimAsync(CancellationToken.None)).ShouldBeNull();
        node.Claims.PausedReason.ShouldBe(node.Disk.PausedReason);
    }
}
