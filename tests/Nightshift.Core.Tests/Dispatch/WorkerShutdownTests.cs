using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

public sealed class WorkerShutdownTests
{
    [Fact]
    public async Task GracefulShutdown_InterruptsTheRun_QueuesItsTaskWithTheWork_AndMarksTheNodeStopped()
    {
        await using var engine = await EngineHarness.StartAsync();
        var started = Path.Combine(engine.Home.Path, "started");
        var task = await engine.AddAsync($"---\ncommand: \"echo partial > part.txt; touch {started}; sleep 300\"\n---\n# Long\n\nSleep.\n");
        engine.StartWorker();
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (!File.Exists(started) && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(50);
        }

        await engine.StopWorkerAsync();

        await using var db = engine.Db();
        var run = await db.Runs.AsNoTracking().SingleAsync();
        run.State.ShouldBe(RunState.Interrupted);
        var stored = await db.Tasks.AsNoTracking().SingleAsync();
        stored.State.ShouldBe(TaskState.Queued);
        stored.StateReason.ShouldBe("interrupted by shutdown; queued again");
        engine.Repo.Git("show", $"{stored.Branch}:part.txt").ShouldBe("partial");
        var node = await engine.Get<NodeRegistry>().FindAsync(EngineHarness.Fast.NodeId, CancellationToken.None);
        node.ShouldNotBeNull();
        node.StoppedAt.ShouldNotBeNull();
        node.Draining.ShouldBeTrue();
        engine.Get<ActiveRuns>().Count.ShouldBe(0);
    }
}
