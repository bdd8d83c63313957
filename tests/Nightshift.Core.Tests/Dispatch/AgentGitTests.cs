using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

/// <summary>
/// What a command agent does with git in its own checkout: its refs are its own, so moving `main`
/// there moves nothing of the user's; commits it makes itself are told in review and kept.
/// </summary>
public sealed class AgentGitTests
{
    [Fact]
    public async Task AgentThatMovesMainAndCommitsItself_LeavesTheUsersMainAlone_AndItsCommitsAreToldAndMerged()
    {
        await using var engine = await EngineHarness.StartAsync();
        var main = engine.Repo.Git("rev-parse", "main");
        var script = Path.Combine(engine.Home.Path, "agent.sh");
        await File.WriteAllTextAsync(script, """
            set -e
            echo one > one.txt
            git add one.txt
            git -c user.name=Agent -c user.email=agent@example.invalid commit -q -m "agent one"
            git update-ref refs/heads/main HEAD
            echo two > two.txt
            """);
        var task = await engine.AddAsync($"---\ncommand: \"sh {script}\"\n---\n# Commit and move main\n\nDo work.\n");
        engine.StartWorker();

        var inReview = await engine.WaitForAsync(task.Id, TaskState.InReview);

        engine.Repo.Git("rev-parse", "main").ShouldBe(main);
        var events = await engine.Get<TaskQueries>().EventsAsync(task.Id, 0, 1000, CancellationToken.None);
        events.ShouldContain(e => e.Kind == EventKind.Commit && e.Message.Contains("on top of 1 commit the agent made of its own"));
        events.ShouldNotContain(e => e.Message == "The agent changed nothing");
        events.ShouldContain(e => e.Kind == EventKind.Flag && e.Message.StartsWith("The agent made 1 commit of its own", StringComparison.Ordinal));
        engine.Repo.Git("log", "--format=%s", inReview.Branch!).ShouldContain("agent one");

        var merged = await engine.Get<ReviewDesk>().ApproveAsync(task.Id, "test", null, CancellationToken.None);

        merged.State.ShouldBe(TaskState.Merged, merged.StateReason);
        engine.Repo.Git("show", "main:one.txt").ShouldBe("one");
        engine.Repo.Git("show", "main:two.txt").ShouldBe("two");
        engine.Repo.Git("log", "--format=%s", "main").ShouldContain("agent one");
    }

    [Fact]
    public async Task AgentThatOnlyCommitsItself_IsNotToldAsHavingChangedNothing()
    {
        await using var engine = await EngineHarness.StartAsync();
        var script = Path.Combine(engine.Home.Path, "agent.sh");
        await File.WriteAllTextAsync(script, """
            set -e
            echo one > one.txt
            git add one.txt
            git -c user.name=Agent -c user.email=agent@example.invalid commit -q -m "agent one"
            """);
        var task = await engine.AddAsync($"---\ncommand: \"sh {script}\"\n---\n# Commit only\n\nDo work.\n");
        engine.StartWorker();

        var inReview = await engine.WaitForAsync(task.Id, TaskState.InReview);

        var events = await engine.Get<TaskQueries>().EventsAsync(task.Id, 0, 1000, CancellationToken.None);
        events.ShouldContain(e => e.Kind == EventKind.Commit && e.Message.StartsWith("The agent made 1 commit of its own", StringComparison.Ordinal));
        events.ShouldNotContain(e => e.Message == "The agent changed nothing");
        (await engine.Get<TaskDiff>().DiffAsync(inReview, CancellationToken.None)).ShouldContain("+one");
    }

    [Fact]
    public async Task NewTask_WhoseBranchNameIsTaken_LeavesTheOldBranchAlone_AndWorksOnAFreshOne()
    {
        await using var engine = await EngineHarness.StartAsync();
        // What a task of the same id and name left before the data folder was reset.
        engine.Repo.Git("checkout", "-q", "-b", "nightshift/1-fix-it");
        engine.Repo.WriteFile("old.txt", "old work\n");
        engine.Repo.CommitAll("old work");
        var oldTip = engine.Repo.Git("rev-parse", "HEAD");
        engine.Repo.Git("checkout", "-q", "main");
        var task = await engine.AddAsync("---\ncommand: \"echo new > new.txt\"\n---\n# Fix it\n\nDo work.\n");
        task.Branch.ShouldBe("nightshift/1-fix-it");
        engine.StartWorker();

        var inReview = await engine.WaitForAsync(task.Id, TaskState.InReview);

        inReview.Branch.ShouldBe("nightshift/1-fix-it-2");
        engine.Repo.Git("rev-parse", "nightshift/1-fix-it").ShouldBe(oldTip);
        var diff = await engine.Get<TaskDiff>().DiffAsync(inReview, CancellationToken.None);
        diff.ShouldContain("+new");
        diff.ShouldNotContain("old work");
        var events = await engine.Get<TaskQueries>().EventsAsync(task.Id, 0, 1000, CancellationToken.None);
        events.ShouldContain(e => e.Kind == EventKind.Flag && e.Message.Contains("nightshift/1-fix-it ") && e.Message.Contains("left alone"));
    }
}
