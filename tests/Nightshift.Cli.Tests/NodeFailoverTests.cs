using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Tasks;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>
/// Two real `nightshift up` nodes on one data folder, with a 1 s heartbeat and a 3 s lease: one node
/// dies or freezes mid-run, the other reaps its run and finishes the task. A killed node's agent
/// lives on; the node that reaps the run (another, or the same one restarted) stops it first.
/// </summary>
public sealed class NodeFailoverTests
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private static readonly string[] FastLeases = ["--heartbeat", "1s", "--lease", "3s"];

    [Fact]
    public async Task AKilledNode_IsReapedByASecondNode_AndTheTaskCompletesWithTheFirstRunsWork()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        using var store = new Store(home.Path);
        var agent = new FirstAttempt(home.Path);
        await using var a = await UpProcess.StartAsync(home.Path, ["--node", "a", .. FastLeases]);
        await AddAsync(home.Path, repo.Path, agent);
        await agent.WaitUntilStartedAsync(a);
        await using var b = await UpProcess.StartAsync(home.Path, ["--node", "b", .. FastLeases]);

        // kill -9 of the node process alone: its agent lives on as an orphan, as after a real crash.
        await a.SignalAsync("KILL");
        try
        {
            var wait = await NightshiftProcess.RunAsync(home.Path, repo.Path, "wait", "1", "--for", "InReview", "--timeout", "90");
            wait.Exit.ShouldBe(0, wait.Err + b.Log);
            (await Processes.GoneAsync(agent.Pid)).ShouldBeTrue("node b stops the agent node a left running before it hands the run back\n" + b.Log);
        }
        finally
        {
            await agent.KillOrphanAsync();
        }

        await using var db = store.Open();
        var runs = await db.Runs.AsNoTracking().OrderBy(r => r.Attempt).ToListAsync();
        runs.Select(r => (r.Attempt, r.NodeId, r.State)).ShouldBe([(1, "a", RunState.Interrupted), (2, "b", RunState.Succeeded)]);
        runs[0].Error.ShouldBe("node a stopped heartbeating; the run's lease expired");
        runs[0].AgentProcessGroup.ShouldBe(agent.Pid);
        var stopped = await db.Events.AsNoTracking().SingleAsync(e => e.Kind == EventKind.OrphanStopped);
        stopped.RunId.ShouldBe(runs[0].Id);
        stopped.Message.ShouldStartWith($"Stopped the orphaned agent (process group {agent.Pid}) of run 1, left running by node a: ");
        // Reaped after the lease expired, and within one reaper interval of it (slack for a loaded machine).
        runs[0].EndedAt!.Value.ShouldBeGreaterThanOrEqualTo(runs[0].LeaseExpiresAt!.Value);
        (runs[0].EndedAt!.Value - runs[0].LeaseExpiresAt!.Value).ShouldBeLessThan(Heartbeat + TimeSpan.FromSeconds(3));
        var task = await db.Tasks.AsNoTracking().SingleAsync();
        task.State.ShouldBe(TaskState.InReview);
        task.Attempts.ShouldBe(2);
        // What the killed run wrote (uncommitted when it died) is on the branch with the second run's work.
        repo.Git("show", $"{task.Branch}:log.txt").ShouldBe("attempt 1\nattempt 2");
        repo.Git("show", $"{task.Branch}:done.txt").ShouldBe("done");
        repo.Git("rev-parse", task.Branch!).ShouldBe(task.HeadCommit);
        (await db.Tasks.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task AKilledNodeRestarted_StopsTheAgentItsPreviousProcessLeftRunning_AndTheTaskCompletes()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        using var store = new Store(home.Path);
        var agent = new FirstAttempt(home.Path);
        await using var a = await UpProcess.StartAsync(home.Path, ["--node", "a", .. FastLeases]);
        await AddAsync(home.Path, repo.Path, agent);
        await agent.WaitUntilStartedAsync(a);

        await a.SignalAsync("KILL");
        try
        {
            await using var restarted = await UpProcess.StartAsync(home.Path, ["--node", "a", .. FastLeases]);
            var wait = await NightshiftProcess.RunAsync(home.Path, repo.Path, "wait", "1", "--for", "InReview", "--timeout", "90");
            wait.Exit.ShouldBe(0, wait.Err + restarted.Log);
            (await Processes.GoneAsync(agent.Pid)).ShouldBeTrue("the restarted node stops the agent its previous process left running\n" + restarted.Log);
        }
        finally
        {
            await agent.KillOrphanAsync();
        }

        await using var db = store.Open();
        var runs = await db.Runs.AsNoTracking().OrderBy(r => r.Attempt).ToListAsync();
        runs.Select(r => (r.Attempt, r.NodeId, r.State)).ShouldBe([(1, "a", RunState.Interrupted), (2, "a", RunState.Succeeded)]);
        runs[0].Error.ShouldBe("node a restarted while the run was in progress");
        (await db.Events.AsNoTracking().SingleAsync(e => e.Kind == EventKind.OrphanStopped)).Message
            .ShouldStartWith($"Stopped the orphaned agent (process group {agent.Pid}) of run 1, left running by node a: ");
        repo.Git("show", $"{(await db.Tasks.AsNoTracking().SingleAsync()).Branch}:log.txt").ShouldBe("attempt 1\nattempt 2");
    }

    [Fact]
    public async Task ANodeFrozenPastItsLease_WakesToFindItsResultRefused_AndExactlyOneResultIsRecorded()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        using var store = new Store(home.Path);
        var agent = new FirstAttempt(home.Path);
        await using var a = await UpProcess.StartAsync(home.Path, ["--node", "a", .. FastLeases]);
        await AddAsync(home.Path, repo.Path, agent);
        await agent.WaitUntilStartedAsync(a);
        await using var b = await UpProcess.StartAsync(home.Path, ["--node", "b", .. FastLeases]);

        await FreezeAsync(a, store);
        // server.json names a, the first node, and a frozen node still holds its name: ask b.
        var waitOnB = NightshiftProcess.StartInfo(home.Path, repo.Path, ["wait", "1", "--for", "InReview", "--timeout", "90"]);
        waitOnB.Environment["NIGHTSHIFT_URL"] = b.Info.Url;
        waitOnB.Environment["NIGHTSHIFT_TOKEN"] = (await File.ReadAllTextAsync(Path.Combine(home.Path, "token"))).Trim();
        var wait = await NightshiftProcess.RunAsync(waitOnB);
        wait.Exit.ShouldBe(0, wait.Err + b.Log);
        await a.SignalAsync("CONT");

        var discarded = await store.WaitForAsync(db => db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Kind == EventKind.RunDiscarded), TimeSpan.FromSeconds(60));
        discarded.ShouldNotBeNull(a.Log);
        (await Processes.GoneAsync(agent.Pid)).ShouldBeTrue("the agent of the run the frozen node lost is stopped");

        await using var db = store.Open();
        var runs = await db.Runs.AsNoTracking().OrderBy(r => r.Attempt).ToListAsync();
        runs.Select(r => (r.Attempt, r.NodeId, r.State)).ShouldBe([(1, "a", RunState.Interrupted), (2, "b", RunState.Succeeded)]);
        runs[0].Error.ShouldBe("node a stopped heartbeating; the run's lease expired");
        runs[0].HeadCommit.ShouldBeNull();
        discarded.RunId.ShouldBe(runs[0].Id);
        discarded.Message.ShouldStartWith("Run 1 on node a no longer holds its lease");
        var ended = await db.Events.AsNoTracking().Where(e => e.Kind == EventKind.RunEnded).OrderBy(e => e.Seq).Select(e => e.Message).ToListAsync();
        ended.ShouldBe(["Run 1 Interrupted: node a stopped heartbeating; the run's lease expired", "Run 2 Succeeded"]);
        (await db.Events.CountAsync(e => e.Kind == EventKind.RunDiscarded)).ShouldBe(1);
        var task = await db.Tasks.AsNoTracking().SingleAsync();
        task.State.ShouldBe(TaskState.InReview);
        repo.Git("rev-parse", task.Branch!).ShouldBe(task.HeadCommit);
        repo.Git("log", "--format=%B", task.Branch!).ShouldNotContain("run 1:");
        repo.Git("show", $"{task.Branch}:log.txt").ShouldBe("attempt 1\nattempt 2");
    }

    private static async Task AddAsync(string home, string repo, FirstAttempt agent)
    {
        (await NightshiftProcess.RunAsync(home, repo, "init")).Exit.ShouldBe(0);
        var add = await NightshiftProcess.RunAsync(home, repo, "add", "-m", $"---\ncommand: \"{agent.Command}\"\n---\n# Survive a node\n\nKeep going.\n");
        add.Exit.ShouldBe(0, add.Err);
    }

    /// <summary>SIGSTOP, but never while the node holds the database's write lock (it would hold it until SIGCONT).</summary>
    private static async Task FreezeAsync(UpProcess node, Store store)
    {
        for (var i = 0; i < 20; i++)
        {
            await node.SignalAsync("STOP");
            if (await store.IsWritableAsync(TimeSpan.FromSeconds(2)))
            {
                return;
            }
            await node.SignalAsync("CONT");
            await Task.Delay(Heartbeat / 3);
        }
        throw new InvalidOperationException("the node was always stopped inside a write");
    }

    /// <summary>
    /// An agent whose first attempt writes a line, then sleeps until stopped; later attempts write
    /// their line and finish.
    /// </summary>
    private sealed class FirstAttempt(string home)
    {
        private readonly string _started = Path.Combine(home, "started");
        private readonly string _pidFile = Path.Combine(home, "agent.pid");

        public string Command =>
            $"echo attempt $NIGHTSHIFT_ATTEMPT >> log.txt; if [ $NIGHTSHIFT_ATTEMPT = 1 ]; then echo $$ > {_pidFile}; touch {_started}; sleep 600; fi; echo done > done.txt";

        public int Pid => int.Parse(File.ReadAllText(_pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        public async Task WaitUntilStartedAsync(UpProcess node)
        {
            var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60);
            while (!File.Exists(_started) && TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(100);
            }
            File.Exists(_started).ShouldBeTrue(node.Log);
            // One full lease after the claim, so the run has been renewed by heartbeats at least once.
            await Task.Delay(Lease);
        }

        /// <summary>The agent leads its own process group (setsid); KILL the whole group.</summary>
        public async Task KillOrphanAsync()
        {
            if (!File.Exists(_pidFile))
            {
                return;
            }
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", "--", $"-{Pid}"]) { UseShellExecute = false, RedirectStandardError = true })!;
            await kill.WaitForExitAsync();
        }
    }
}
