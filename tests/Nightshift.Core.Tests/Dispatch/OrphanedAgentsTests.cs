using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Processes;
using Nightshift.Core.Storage;
using Nightshift.Testing;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Dispatch;

/// <summary>Stopping the agent a dead node left running: real process groups, and never a process that is not provably the recorded one.</summary>
public sealed class OrphanedAgentsTests
{
    private static readonly OrphanedAgents Orphans = new(
        EngineHarness.Fast with { StopGracePeriod = TimeSpan.FromSeconds(1) },
        new Containments(Path.Combine(Path.GetTempPath(), "nightshift-orphaned-agents-tests"), "test", TimeProvider.System),
        TimeProvider.System,
        NullLogger<OrphanedAgents>.Instance);

    [Fact]
    public async Task Stop_WhenTheRecordedStartTimeDiffers_SignalsNothing()
    {
        using var sleep = await SessionLeader.StartAsync("sleep 300");
        var recorded = sleep.Identity with { StartTime = sleep.Identity.StartTime - 1 };

        (await Orphans.StopAsync(RunOf(recorded))).ShouldBeNull();

        await Task.Delay(200);
        sleep.IsRunning.ShouldBeTrue("a pid whose start time is not the recorded one is another process: it is left alone");
    }

    [Fact]
    public async Task Stop_WhenTheRecordedBootIsAnotherMachines_SignalsNothing()
    {
        using var sleep = await SessionLeader.StartAsync("sleep 300");
        var recorded = sleep.Identity with { BootId = Guid.NewGuid().ToString() };

        (await Orphans.StopAsync(RunOf(recorded))).ShouldBeNull();

        await Task.Delay(200);
        sleep.IsRunning.ShouldBeTrue("a process recorded on another machine is not this machine's to stop");
    }

    [Fact]
    public async Task Stop_OfTheRecordedProcess_EndsItsWholeGroupOnTerm()
    {
        using var home = new TempDirectory("orphan");
        var childPid = Path.Combine(home.Path, "child.pid");
        using var agent = await SessionLeader.StartAsync($"sleep 300 & echo $! > {childPid}; wait");
        var child = await ReadPidAsync(childPid);

        var stopped = await Orphans.StopAsync(RunOf(agent.Identity));

        stopped.ShouldBe($"Stopped the orphaned agent (process group {agent.Pid}) of run 1, left running by node dead: it ended on TERM");
        (await Nightshift.Testing.Processes.GoneAsync(agent.Pid)).ShouldBeTrue();
        (await Nightshift.Testing.Processes.GoneAsync(child)).ShouldBeTrue("a command the agent started is in its group and goes with it");
    }

    [Fact]
    public async Task Stop_OfAGroupThatIgnoresTerm_KillsItAfterTheGrace()
    {
        using var agent = await SessionLeader.StartAsync("trap '' TERM; sleep 300; sleep 300");

        var stopped = await Orphans.StopAsync(RunOf(agent.Identity));

        stopped.ShouldBe($"Stopped the orphaned agent (process group {agent.Pid}) of run 1, left running by node dead: it was still running 1 s after TERM and was killed");
        (await Nightshift.Testing.Processes.GoneAsync(agent.Pid)).ShouldBeTrue();
    }

    [Fact]
    public async Task Stop_OfARunWithNoRecordedProcess_DoesNothing()
    {
        (await Orphans.StopAsync(new RunRecord { Agent = "command", NodeId = "dead", Attempt = 1 })).ShouldBeNull();
    }

    private static RunRecord RunOf(ProcessIdentity process) => new()
    {
        Agent = "command",
        NodeId = "dead",
        Attempt = 1,
        AgentProcessGroup = process.Pid,
        AgentBootId = process.BootId,
        AgentStartTime = process.StartTime,
    };

    private static async Task<int> ReadPidAsync(string file)
    {
        for (var i = 0; i < 500; i++)
        {
            if (File.Exists(file) && int.TryParse((await File.ReadAllTextAsync(file)).Trim(), out var pid))
            {
                return pid;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"no pid in {file}");
    }
}
