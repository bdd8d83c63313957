using Nightshift.Core.Agents;
using Nightshift.Core.Agents.Aider;
using Nightshift.Core.Processes;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Aider;

/// <summary>The Aider adapter against a stand-in <c>aider</c> (see <see cref="AiderStandIn"/>).</summary>
public sealed class AiderAgentTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_PassesTheUnattendedFlagsAndTheEndpoint_AndReadsAidersReportIntoEvents()
    {
        using var aider = new AiderStandIn();
        await using var run = await StartAsync(aider);
        using var limit = Limit();

        var outcome = await run.RunAsync("-starts with a dash; add a line to notes.txt", limit.Token);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe("I added a line to notes.txt.\n\nnotes.txt");
        outcome.SessionId.ShouldBeNull();
        run.Read("notes.txt").ShouldBe("line from aider\n");
        aider.Messages.ShouldBe(["-starts with a dash; add a line to notes.txt"]);
        var args = aider.Log.Split('\n').First(l => l.StartsWith("ARGS ", StringComparison.Ordinal));
        args.ShouldContain("--yes-always");
        args.ShouldContain("--no-auto-commits");
        args.ShouldContain("--no-gitignore");
        args.ShouldContain($"--openai-api-base {run.Server.Endpoint.ToString().TrimEnd('/')}");
        args.ShouldContain("--model openai/scripted");
        args.ShouldNotContain("sk-standin-secret");
        var events = run.Events;
        events.ShouldContain(e => e.Kind == AgentEventKind.ToolCall && e.Text == "edit: notes.txt");
        events.ShouldContain(e => e.Kind == AgentEventKind.Usage && e.InputTokens == 1200 && e.OutputTokens == 35 && e.CostUsd == 0.01m);
        events.ShouldContain(e => e.Kind == AgentEventKind.Output && e.Text == "Aider v0.86.1");
        // Aider's histories are kept out of the worktree, where the engine would commit them.
        Directory.EnumerateFileSystemEntries(run.Worktree.Path, ".aider*").ShouldBeEmpty();
    }

    [Fact]
    public async Task Steer_WhileATurnRuns_IsDeliveredAsTheNextTurn_WithTheWholeTaskAgain()
    {
        using var aider = new AiderStandIn();
        await using var run = await StartAsync(aider);
        using var limit = Limit();
        var steer = Task.Run(async () =>
        {
            await aider.WaitUntilStartedAsync(limit.Token);
            run.Feedback.ReleaseSteer("STEER: use tabs");
        }, limit.Token);

        var outcome = await run.RunAsync("SLOW: add a line to notes.txt", limit.Token);
        await steer;

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        run.Feedback.Delivered.ShouldBe(["STEER: use tabs"]);
        aider.Messages.Count.ShouldBe(2, aider.Log);
        aider.Messages[0].ShouldNotContain("STEER");
        // No resume: the next turn restates the task, then the feedback.
        aider.Messages[1].ShouldStartWith("SLOW: add a line to notes.txt");
        aider.Messages[1].ShouldContain("STEER: use tabs");
    }

    [Fact]
    public async Task Cancel_WhileATurnRuns_LeavesNoProcessBehind()
    {
        using var aider = new AiderStandIn();
        await using var run = await StartAsync(aider);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = run.RunAsync("HANG forever", stop.Token);
        var pids = await WorktreeProcesses.WaitForAsync(run.Worktree.Path, minimum: 2, "sleep", TimeSpan.FromSeconds(30));

        await stop.CancelAsync();
        var outcome = await running;

        pids.Count.ShouldBeGreaterThanOrEqualTo(2, run.Story());
        outcome.Cancelled.ShouldBeTrue();
        foreach (var pid in pids)
        {
            (await Nightshift.Testing.Processes.GoneAsync(pid)).ShouldBeTrue($"process {pid} outlived the stopped run");
        }
    }

    [Fact]
    public void Capabilities_DeclareNoMidTurnSteeringAndNoResume()
    {
        var agent = new AiderAgent(new AiderOptions { StateRoot = Path.GetTempPath(), UserHome = "/home/test-user" }, new ProcessRunner(TimeProvider.System));

        agent.Capabilities.SteerMidTurn.ShouldBeFalse();
        agent.Capabilities.Resume.ShouldBeFalse();
    }

    private static Task<CliAgentHarness> StartAsync(AiderStandIn aider) =>
        CliAgentHarness.StartAsync(Script.Create().Build(), (server, _) => new AiderAgent(aider.Options(server.Endpoint), new ProcessRunner(TimeProvider.System)), ScriptedModelServer.ModelName);

    private static CancellationTokenSource Limit()
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);
        return limit;
    }
}
