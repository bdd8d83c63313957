using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.OpenCode;

public sealed class OpenCodeStopTests
{
    [Fact]
    public async Task Cancel_WhileACommandRuns_StopsOpenCodeAndEverythingItStarted()
    {
        var script = Script.Create()
            .Always().CallTool("bash", new { command = "tail -f /dev/null && echo never", description = "Follow nothing forever" }).Once()
            .Always().Say("The command ended, which it should not have.")
            .Build();
        await using var run = await OpenCodeHarness.StartAsync(script);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = run.RunAsync("Wait for a long time.", stop.Token);
        var pids = await WorktreeProcesses.WaitForAsync(run.Worktree.Path, minimum: 2, "tail", TimeSpan.FromSeconds(60));

        await stop.CancelAsync();
        var outcome = await running;

        pids.Count.ShouldBeGreaterThanOrEqualTo(2, "opencode and the command it started should both have been running in the worktree\n" + run.Story());
        outcome.Cancelled.ShouldBeTrue();
        outcome.Succeeded.ShouldBeFalse();
        foreach (var pid in pids)
        {
            (await Nightshift.Testing.Processes.GoneAsync(pid)).ShouldBeTrue($"process {pid} outlived the stopped run");
        }
        WorktreeProcesses.In(run.Worktree.Path).ShouldBeEmpty();
    }
}
