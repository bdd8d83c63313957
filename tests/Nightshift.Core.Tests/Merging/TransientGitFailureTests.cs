using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Merging;
using Nightshift.Core.Projects;
using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;
using Nightshift.Core.Tests.Workspaces;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Merging;

/// <summary>Git failing under a merge (objects pruned by a gc, a lock held): tried again, and never called a conflict.</summary>
public sealed class TransientGitFailureTests
{
    private const string Unpack = "fatal: failed to unpack tree object 4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Merge_WhenGitFailsToUnpackATreeTwice_TriesAgain_AndLands()
    {
        using var bench = new Workbench();
        await bench.TaskWithFilesAsync("task-1", ("README.md", "# changed by task\n"));
        using var flaky = new FlakyGit("read-tree -m -u", Unpack, times: 2);

        var outcome = await new MergeEngine(flaky.Cli).MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Merge, "land", Cancel);

        flaky.Failures.ShouldBe(2);
        outcome.Kind.ShouldBe(MergeOutcomeKind.Merged, outcome.Reason);
        (await bench.RepoGitAsync("rev-parse", "main")).ShouldBe(outcome.Commit);
        File.ReadAllText(Path.Combine(bench.Repo.Path, "README.md")).ShouldBe("# changed by task\n");
    }

    [Fact]
    public async Task Merge_WhenGitKeepsFailing_FailsWithGitsMessage_AndTheTargetStays()
    {
        using var bench = new Workbench();
        await bench.TaskWithFilesAsync("task-1", ("README.md", "# changed by task\n"));
        var before = await bench.RepoGitAsync("rev-parse", "main");
        using var flaky = new FlakyGit("read-tree -m -u", Unpack, times: -1);

        var outcome = await new MergeEngine(flaky.Cli).MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Merge, "land", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.Failed);
        outcome.Reason.ShouldContain(Unpack);
        outcome.Reason.ShouldContain($"git failed the same way {TransientGitFailure.MaxAttempts} times");
        flaky.Failures.ShouldBe(TransientGitFailure.MaxAttempts);
        (await bench.RepoGitAsync("rev-parse", "main")).ShouldBe(before);
    }

    [Fact]
    public async Task Approve_WhenGitFailsUnderTheMerge_LeavesTheTaskInReview_NotInConflict()
    {
        using var flaky = new FlakyGit("read-tree -m -u", Unpack, times: -1);
        await using var engine = await EngineHarness.StartAsync(configure: s => s.AddSingleton(flaky.Cli));
        var task = await engine.AddAsync("---\ncommand: \"echo hi > hi.txt\"\n---\n# Hi\n\nSay hi.\n");
        engine.StartWorker();
        await engine.WaitForAsync(task.Id, TaskState.InReview);

        var after = await engine.Get<ReviewDesk>().ApproveAsync(task.Id, "test", null, CancellationToken.None);

        after.State.ShouldBe(TaskState.InReview, after.StateReason);
        after.StateReason!.ShouldStartWith("merge failed (not a conflict): ");
        after.StateReason.ShouldContain(Unpack);
        after.StateReason.ShouldContain("Approve again");
    }
}
