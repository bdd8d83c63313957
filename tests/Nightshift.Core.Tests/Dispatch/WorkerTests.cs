using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Runs;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

public sealed class WorkerTests
{
    [Fact]
    public async Task AClaimedTask_RunsInItsOwnWorktree_AndTheEngineCommitsTheWork()
    {
        await using var engine = await EngineHarness.StartAsync();
        var task = await engine.AddAsync("---\ncommand: \"pwd > where.txt; git rev-parse --abbrev-ref HEAD > branch.txt\"\n---\n# Where am I\n\nSay where you run.\n");
        engine.StartWorker();

        var done = await engine.WaitForAsync(task.Id, TaskState.InReview);

        done.WorktreePath.ShouldNotBeNull();
        done.WorktreePath.ShouldStartWith(engine.Home.WorktreesPath);
        var branch = done.Branch!;
        engine.Repo.Git("show", $"{branch}:where.txt").ShouldBe(done.WorktreePath);
        engine.Repo.Git("show", $"{branch}:branch.txt").ShouldBe(branch);
        engine.Repo.Git("log", "-1", "--format=%an", branch).ShouldBe("Nightshift");
        engine.Repo.Git("rev-parse", branch).ShouldBe(done.HeadCommit);
        engine.Repo.Git("status", "--porcelain").ShouldBeEmpty();
    }

    [Fact]
    public async Task AFailingAgent_IsRetriedWithBackoff_ThenFailedWithTheReason()
    {
        await using var engine = await EngineHarness.StartAsync();
        var task = await engine.AddAsync("---\ncommand: \"echo attempt >> attempts.txt; exit 3\"\nmax_retries: 2\n---\n# Always fails\n\nFail.\n");
        engine.StartWorker();

        var failed = await engine.WaitForAsync(task.Id, TaskState.Failed);

        failed.StateReason.ShouldBe("failed after 3 attempts; last: `echo attempt >> attempts.txt; exit 3` exited with code 3");
        await using var db = engine.Db();
        var runs = await db.Runs.Where(r => r.TaskId == task.Id).OrderBy(r => r.Attempt).ToListAsync();
        runs.Select(r => r.State).ShouldBe([RunState.Failed, RunState.Failed, RunState.Failed]);
        runs.Select(r => r.ExitCode).ShouldBe([3, 3, 3]);
        // The second attempt waited for its backoff before it started.
        (runs[1].StartedAt - runs[0].EndedAt!.Value).ShouldBeGreaterThanOrEqualTo(EngineHarness.Fast.RetryBackoff);
        // Every attempt's work was checkpointed on the branch: three lines, one per attempt.
        engine.Repo.Git("show", $"{failed.Branch}:attempts.txt").Split('\n').Length.ShouldBe(3);
    }

    [Fact]
    public async Task APoisonTask_FailsWhileOtherTasksFinish()
    {
        await using var engine = await EngineHarness.StartAsync();
        var poison = await engine.AddAsync("---\ncommand: \"kill -9 $$\"\nmax_retries: 1\npriority: urgent\n---\n# Poison\n\nCrash.\n");
        var good = Enumerable.Range(1, 3).Select(i => engine.AddAsync($"---\ncommand: \"echo {i} > f{i}.txt\"\n---\n# Good {i}\n\nWork.\n")).ToList();
        engine.StartWorker();

        await engine.WaitForAsync(poison.Id, TaskState.Failed);
        foreach (var t in good)
        {
            await engine.WaitForAsync((await t).Id, TaskState.InReview);
        }
    }

    [Fact]
    public async Task AFailingCheck_KeepsTheTaskOutOfReview()
    {
        await using var engine = await EngineHarness.StartAsync();
        var task = await engine.AddAsync("---\ncommand: \"echo no > answer.txt\"\nchecks: [\"grep -q yes answer.txt\"]\nmax_retries: 0\n---\n# Say yes\n\nWrite yes.\n");
        engine.StartWorker();

        var failed = await engine.WaitForAsync(task.Id, TaskState.Failed);

        failed.StateReason.ShouldBe("check failed: grep -q yes answer.txt");
        var events = await engine.Get<TaskQueries>().EventsAsync(task.Id, 0, 100, CancellationToken.None);
        events.ShouldContain(e => e.Kind == "check" && e.Message == "FAILED: grep -q yes answer.txt (exit 1)");
    }

    [Fact]
    public async Task Cancel_StopsTheAgentAndEveryProcessItStarted()
    {
        await using var engine = await EngineHarness.StartAsync();
        var pids = Path.Combine(engine.Home.Path, "pids");
        var task = await engine.AddAsync($"---\ncommand: \"sleep 300 & echo $! > {pids}; echo $$ >> {pids}; wait\"\n---\n# Sleep\n\nSleep.\n");
        engine.StartWorker();
        await engine.WaitForAsync(task.Id, TaskState.Running);
        while (!File.Exists(pids) || File.ReadAllLines(pids).Length < 2)
        {
            await Task.Delay(50);
        }

        await engine.Get<TaskControl>().CancelAsync(task.Id, "test", CancellationToken.None);

        await using (var db = engine.Db())
        {
            var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
            while ((await db.Runs.AsNoTracking().SingleAsync()).State == RunState.Running && TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(50);
            }
            (await db.Runs.AsNoTracking().SingleAsync()).State.ShouldBe(RunState.Cancelled);
        }
        foreach (var pid in File.ReadAllLines(pids).Select(int.Parse))
        {
            (await Nightshift.Testing.Processes.GoneAsync(pid)).ShouldBeTrue($"process {pid} of the cancelled run is still alive");
        }
    }

    [Fact]
    public async Task ADependentTask_WaitsUntilItsDependencyIsMerged_AndStartsFromTheMergedResult()
    {
        await using var engine = await EngineHarness.StartAsync();
        var first = await engine.AddAsync("---\nname: first\ncommand: \"echo one > one.txt\"\n---\n# First\n\nOne.\n");
        var second = await engine.AddAsync("---\ndepends_on: [first]\ncommand: \"cat one.txt > copy.txt\"\n---\n# Second\n\nCopy.\n");
        engine.StartWorker();

        await engine.WaitForAsync(first.Id, TaskState.InReview);
        await Task.Delay(300);
        (await engine.Get<TaskQueries>().FindAsync(second.Id.ToString(), CancellationToken.None)).State.ShouldBe(TaskState.Queued);

        (await engine.Get<Reviews.ReviewDesk>().ApproveAsync(first.Id, "test", null, CancellationToken.None)).State.ShouldBe(TaskState.Merged);
        var done = await engine.WaitForAsync(second.Id, TaskState.InReview);

        engine.Repo.Git("show", $"{done.Branch}:copy.txt").ShouldBe("one");
    }

    [Fact]
    public async Task ATaskWhoseDependencyFailed_IsBlockedWithTheReason()
    {
        await using var engine = await EngineHarness.StartAsync();
        var first = await engine.AddAsync("---\nname: doomed\ncommand: \"exit 1\"\nmax_retries: 0\n---\n# Doomed\n\nFail.\n");
        var second = await engine.AddAsync("---\ndepends_on: [doomed]\ncommand: \"true\"\n---\n# After\n\nNever runs.\n");
        engine.StartWorker();

        var blocked = await engine.WaitForAsync(second.Id, TaskState.Blocked);

        blocked.StateReason.ShouldBe($"dependency {first.Id} is Failed");
    }

    [Fact]
    public async Task Timeout_StopsTheRunAndCountsAsAFailure()
    {
        await using var engine = await EngineHarness.StartAsync();
        var task = await engine.AddAsync("---\ncommand: \"sleep 60\"\ntimeout: 1s\nmax_retries: 0\n---\n# Too slow\n\nSleep.\n");
        engine.StartWorker();

        var failed = await engine.WaitForAsync(task.Id, TaskState.Failed);

        failed.StateReason.ShouldStartWith("timed out after");
        await using var db = engine.Db();
        (await db.Runs.SingleAsync()).State.ShouldBe(RunState.TimedOut);
    }

    [Fact]
    public async Task AProjectsOwnConcurrency_LimitsItsRunsBelowTheNodes()
    {
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Fast with { Concurrency = 4 });
        engine.Repo.WriteFile(".nightshift/project.yml", "concurrency: 1\n");
        engine.Repo.CommitAll("one at a time");
        var tasks = new List<Storage.TaskRecord>();
        for (var i = 0; i < 3; i++)
        {
            tasks.Add(await engine.AddAsync($"---\ncommand: \"sleep 0.5; echo {i} > f{i}.txt\"\n---\n# One at a time {i}\n\nWork.\n"));
        }
        engine.StartWorker();

        foreach (var t in tasks)
        {
            await engine.WaitForAsync(t.Id, TaskState.InReview);
        }

        await using var db = engine.Db();
        var runs = await db.Runs.OrderBy(r => r.StartedAt).ToListAsync();
        runs.Count.ShouldBe(3);
        for (var i = 1; i < runs.Count; i++)
        {
            // Each run started only after the one before it ended: never two at once.
            runs[i].StartedAt.ShouldBeGreaterThanOrEqualTo(runs[i - 1].EndedAt!.Value);
        }
    }
}
