using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Processes;
using Nightshift.Core.Tasks;
using Nightshift.Testing;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Dispatch;

/// <summary>A run records its agent's process group; the node that reaps the run stops the group its dead node left running.</summary>
public sealed class OrphanReapTests
{
    [Fact]
    public async Task TheExecutor_RecordsTheAgentsProcessGroup_WhenTheAgentStarts()
    {
        if (!OperatingSystem.IsLinux())
        {
            Requirements.Missing("process groups are read from /proc: Linux only");
        }
        await using var engine = await EngineHarness.StartAsync();
        var pidFile = Path.Combine(engine.Home.Path, "agent.pid");
        await engine.AddAsync($"---\ncommand: \"echo $$ > {pidFile}; sleep 300\"\n---\n# Long\n\nSleep.\n");
        engine.StartWorker();

        var run = await WaitForRecordedRunAsync(engine);

        var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        run.AgentProcessGroup.ShouldBe(pid, "the shell the command runs in leads the group (setsid)");
        run.AgentBootId.ShouldBe(ProcessIdentity.CurrentBootId);
        run.AgentStartTime.ShouldBe(ProcessIdentity.Of(pid)!.Value.StartTime);
    }

    [Fact]
    public async Task TheBuiltInAgentsCommands_AreRecordedAsTheRunsProcess()
    {
        if (!OperatingSystem.IsLinux())
        {
            Requirements.Missing("process groups are read from /proc: Linux only");
        }
        var script = Nightshift.ScriptedModel.Script.Create()
            .WhenLastUser("[long]").CallTool("run_command", new { command = "echo $$ > ../builtin.pid; sleep 300" })
            .Build();
        await using var model = await Nightshift.ScriptedModel.ScriptedModelServer.StartAsync(script);
        await using var engine = await EngineHarness.StartAsync(builtIn: new Core.Agents.BuiltIn.BuiltInAgentOptions { Model = "scripted", Endpoint = model.Endpoint, ApiKey = "x" });
        var task = await engine.AddAsync("---\nagent: builtin\n---\n# Long\n\n[long] Run the long command.\n");
        engine.StartWorker();

        var run = await WaitForRecordedRunAsync(engine);

        var worktree = (await engine.Get<Core.Tasks.TaskQueries>().FindAsync(task.Id.ToString(), CancellationToken.None)).WorktreePath!;
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(worktree, "..", "builtin.pid"))).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        run.AgentProcessGroup.ShouldBe(pid, "the built-in agent's command leads its own group, recorded for the reaper");
        run.AgentStartTime.ShouldBe(ProcessIdentity.Of(pid)!.Value.StartTime);
    }

    [Fact]
    public async Task ReapExpired_StopsTheAgentTheDeadNodeLeftRunning_AndRecordsItBeforeTheRunEnds()
    {
        await using var f = await LeaseFixture.StartAsync();
        var (lease, run) = await f.Node("dead").ClaimAsync();
        using var agent = await SessionLeader.StartAsync("sleep 300");
        (await f.Node("dead").Fence.TryRecordAgentProcessAsync(lease, agent.Identity)).ShouldBeTrue();
        var reaper = f.Node("alive");

        f.Clock.Advance(reaper.Options.LeaseDuration + TimeSpan.FromSeconds(1));
        (await reaper.Reaper.ReapExpiredAsync(CancellationToken.None)).ShouldBe(1);

        (await Nightshift.Testing.Processes.GoneAsync(agent.Pid)).ShouldBeTrue("the orphan is stopped, not left writing in the worktree");
        (await f.RunAsync(run.Id)).State.ShouldBe(RunState.Interrupted);
        var stopped = (await f.EventsAsync(EventKind.OrphanStopped)).ShouldHaveSingleItem();
        stopped.Message.ShouldBe($"Stopped the orphaned agent (process group {agent.Pid}) of run 1, left running by node dead: it ended on TERM");
        stopped.RunId.ShouldBe(run.Id);
        stopped.Seq.ShouldBeLessThan((await f.EventsAsync(EventKind.RunEnded)).Single().Seq);
    }

    [Fact]
    public async Task Start_StopsTheAgentTheNodesPreviousProcessLeftRunning()
    {
        await using var f = await LeaseFixture.StartAsync();
        var (lease, run) = await f.Node("a").ClaimAsync();
        using var agent = await SessionLeader.StartAsync("sleep 300");
        (await f.Node("a").Fence.TryRecordAgentProcessAsync(lease, agent.Identity)).ShouldBeTrue();

        var restarted = f.Node("a");
        await restarted.Heartbeat.StartAsync(CancellationToken.None);
        await restarted.Heartbeat.StopAsync();

        (await Nightshift.Testing.Processes.GoneAsync(agent.Pid)).ShouldBeTrue();
        (await f.RunAsync(run.Id)).Error.ShouldBe("node a restarted while the run was in progress");
        (await f.EventsAsync(EventKind.OrphanStopped)).ShouldHaveSingleItem().Message.ShouldStartWith($"Stopped the orphaned agent (process group {agent.Pid}) of run 1");
    }

    [Fact]
    public async Task Start_StopsEveryProcessTheRunStarted_EvenOnesThatLeftTheAgentsGroup()
    {
        await using var f = await LeaseFixture.StartAsync();
        var (lease, run) = await f.Node("a").ClaimAsync();
        using var agent = await SessionLeader.StartAsync("sleep 300");
        (await f.Node("a").Fence.TryRecordAgentProcessAsync(lease, agent.Identity)).ShouldBeTrue();
        // What the node's previous process marked as the run's: a process in a session of its own, not a descendant of the agent.
        var previous = new Containments(f.Engine.Home.Path, "a", TimeProvider.System);
        using var marked = previous.ForRun(run.Id.Value);
        using var detached = StartMarked(marked.Mark, "sleep 300");

        var restarted = f.Node("a");
        await restarted.Heartbeat.StartAsync(CancellationToken.None);
        await restarted.Heartbeat.StopAsync();

        (await Nightshift.Testing.Processes.GoneAsync(detached.Id)).ShouldBeTrue("a process the run started is stopped with its run, wherever it went");
        (await Nightshift.Testing.Processes.GoneAsync(agent.Pid)).ShouldBeTrue();
        (await f.EventsAsync(EventKind.OrphanStopped)).ShouldHaveSingleItem().Message.ShouldContain("more process(es) the run had started");
    }

    [Fact]
    public async Task Start_StopsAMergeGatesCheckTheNodesPreviousProcessLeftRunning_ButNotThoseOfAnotherNode()
    {
        await using var f = await LeaseFixture.StartAsync();
        var previous = new Containments(f.Engine.Home.Path, "a", TimeProvider.System);
        using var check = previous.ForCheck();
        using var left = StartMarked(check.Mark, "sleep 300");
        using var otherNodes = new Containments(f.Engine.Home.Path, "b", TimeProvider.System).ForCheck();
        using var other = StartMarked(otherNodes.Mark, "sleep 300");
        try
        {
            var restarted = f.Node("a");
            await restarted.Heartbeat.StartAsync(CancellationToken.None);
            await restarted.Heartbeat.StopAsync();

            (await Nightshift.Testing.Processes.GoneAsync(left.Id)).ShouldBeTrue();
            Nightshift.Testing.Processes.IsRunning(other.Id).ShouldBeTrue("node b's check is node b's business");
        }
        finally
        {
            other.Kill();
        }
    }

    private static System.Diagnostics.Process StartMarked(string mark, string script)
    {
        if (!OperatingSystem.IsLinux())
        {
            Requirements.Missing("processes are found through /proc: Linux only");
        }
        var psi = new System.Diagnostics.ProcessStartInfo("setsid", ["sh", "-c", script]) { UseShellExecute = false };
        psi.Environment[ProcessMark.Variable] = mark;
        return System.Diagnostics.Process.Start(psi)!;
    }

    private static async Task<Storage.RunRecord> WaitForRecordedRunAsync(EngineHarness engine)
    {
        for (var i = 0; i < 600; i++)
        {
            await using var db = engine.Db();
            if (await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.AgentProcessGroup != null) is { } run)
            {
                return run;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("no run recorded its agent's process group");
    }
}
