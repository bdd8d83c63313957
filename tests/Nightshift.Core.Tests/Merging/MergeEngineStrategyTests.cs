using Nightshift.Core.Merging;
using Nightshift.Core.Projects;
using Nightshift.Core.Tests.Workspaces;
using Nightshift.Testing;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Merging;

public sealed class MergeEngineStrategyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Merge_WithMergeStrategy_CreatesMergeCommitOnTargetAndSource()
    {
        using var bench = new Workbench();
        await bench.TaskWithFilesAsync("task-1", ("a.txt", "a\n"));
        var source = await bench.RepoGitAsync("rev-parse", "task-1");
        var before = MoveMain(bench, "main.txt");

        var outcome = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Merge, "Land task 1", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.Merged, outcome.Reason);
        outcome.TargetChanged.ShouldBeTrue();
        (await bench.RepoGitAsync("rev-parse", "main")).ShouldBe(outcome.Commit);
        (await bench.RepoGitAsync("show", "-s", "--format=%P|%s|%cn", "main")).ShouldBe($"{before} {source}|Land task 1|Nightshift");
        (await bench.RepoGitAsync("ls-tree", "--name-only", "main")).Split('\n').ShouldBe(["README.md", "a.txt", "main.txt"]);
    }

    [Fact]
    public async Task Merge_IntoAFolderThatIsNoRepository_IsAFailedMergeThatSaysSo()
    {
        using var bench = new Workbench();
        using var empty = new TempDirectory();

        var outcome = await bench.Merger.MergeAsync(empty.Path, "task-1", "main", MergeStrategy.Merge, "Land task 1", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.Failed);
        outcome.Reason.ShouldContain("is not a git repository");
    }

    [Fact]
    public async Task Merge_WhenTargetCouldFastForward_StillCreatesMergeCommit()
    {
        using var bench = new Workbench();
        await bench.TaskWithFilesAsync("task-1", ("a.txt", "a\n"));
        var before = await bench.RepoGitAsync("rev-parse", "main");
        var source = await bench.RepoGitAsync("rev-parse", "task-1");

        var outcome = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Merge, "Land task 1", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.Merged, outcome.Reason);
        (await bench.RepoGitAsync("show", "-s", "--format=%P", "main")).ShouldBe($"{before} {source}");
    }

    [Fact]
    public async Task Merge_WithSquash_CreatesOneCommitWithTheTargetAsParent()
    {
        using var bench = new Workbench();
        var worktree = await bench.TaskWithFilesAsync("task-1", ("a.txt", "a\n"));
        Workbench.Write(worktree, "b.txt", "b\n");
        await bench.Manager.CommitAllAsync(worktree, "second", Cancel);
        var before = MoveMain(bench, "main.txt");

        var outcome = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Squash, "Task 1, squashed", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.Merged, outcome.Reason);
        (await bench.RepoGitAsync("show", "-s", "--format=%P|%s", "main")).ShouldBe($"{before}|Task 1, squashed");
        (await bench.RepoGitAsync("ls-tree", "--name-only", "main")).Split('\n').ShouldBe(["README.md", "a.txt", "b.txt", "main.txt"]);
        (await bench.IsAncestorAsync("task-1", "main")).ShouldBeFalse();
    }

    [Fact]
    public async Task Merge_WithRebase_ReplaysCommitsKeepingAuthorDateAndMessage()
    {
        using var bench = new Workbench();
        var worktree = await bench.CreateAsync("task-1");
        await AgentCommitAsync(bench, worktree, "a.txt", "Alice", "Add a\n\nwith a body");
        await AgentCommitAsync(bench, worktree, "b.txt", "Bob", "Add b");
        var originals = await bench.RepoGitAsync("log", "--format=%an|%ae|%ad|%B", "--date=raw", "main..task-1");
        var before = MoveMain(bench, "main.txt");

        var outcome = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Rebase, "unused", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.Merged, outcome.Reason);
        (await bench.RepoGitAsync("log", "--format=%an|%ae|%ad|%B", "--date=raw", $"{before}..main")).ShouldBe(originals);
        (await bench.RepoGitAsync("log", "--format=%cn", $"{before}..main")).Split('\n').ShouldAllBe(c => c == "Nightshift");
        (await bench.RepoGitAsync("rev-list", "--merges", $"{before}..main")).ShouldBeEmpty();
        (await bench.RepoGitAsync("rev-parse", "main~2")).ShouldBe(before);
        (await bench.RepoGitAsync("ls-tree", "--name-only", "main")).Split('\n').ShouldBe(["README.md", "a.txt", "b.txt", "main.txt"]);
    }

    [Fact]
    public async Task Merge_WithRebase_WhenTargetIsAncestor_FastForwards()
    {
        using var bench = new Workbench();
        await bench.TaskWithFilesAsync("task-1", ("a.txt", "a\n"));
        var source = await bench.RepoGitAsync("rev-parse", "task-1");

        var outcome = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Rebase, "unused", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.Merged, outcome.Reason);
        (await bench.RepoGitAsync("rev-parse", "main")).ShouldBe(source);
    }

    [Fact]
    public async Task Merge_WithRebase_SkipsCommitsAlreadyOnTarget()
    {
        using var bench = new Workbench();
        var worktree = await bench.CreateAsync("task-1");
        await AgentCommitAsync(bench, worktree, "a.txt", "Alice", "Add a");
        await AgentCommitAsync(bench, worktree, "b.txt", "Bob", "Add b");
        bench.Repo.Git("cherry-pick", "task-1~1");
        var before = await bench.RepoGitAsync("rev-parse", "main");

        var outcome = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Rebase, "unused", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.Merged, outcome.Reason);
        (await bench.RepoGitAsync("log", "--format=%s", $"{before}..main")).ShouldBe("Add b");
    }

    [Theory]
    [InlineData(MergeStrategy.Merge)]
    [InlineData(MergeStrategy.Squash)]
    [InlineData(MergeStrategy.Rebase)]
    public async Task Merge_WhenSourceAlreadyMerged_ReturnsTargetUnchanged(MergeStrategy strategy)
    {
        using var bench = new Workbench();
        await bench.TaskWithFilesAsync("task-1", ("a.txt", "a\n"));
        MoveMain(bench, "main.txt");
        var first = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", strategy, "land", Cancel);

        var second = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", strategy, "land again", Cancel);

        second.Kind.ShouldBe(MergeOutcomeKind.Merged, second.Reason);
        second.TargetChanged.ShouldBeFalse();
        second.Commit.ShouldBe(first.Commit);
        (await bench.RepoGitAsync("rev-parse", "main")).ShouldBe(first.Commit);
    }

    [Theory]
    [InlineData(MergeStrategy.Merge)]
    [InlineData(MergeStrategy.Squash)]
    [InlineData(MergeStrategy.Rebase)]
    public async Task Merge_WhenFilesConflict_ReportsThemAndLeavesTarget(MergeStrategy strategy)
    {
        using var bench = new Workbench();
        await bench.TaskWithFilesAsync("task-1", ("README.md", "# task\n"), ("same.txt", "task\n"), ("clean.txt", "fine\n"));
        bench.Repo.WriteFile("README.md", "# main\n");
        bench.Repo.WriteFile("same.txt", "main\n");
        bench.Repo.CommitAll("main edits");
        var before = await bench.RepoGitAsync("rev-parse", "main");

        var outcome = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", strategy, "land", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.Conflict);
        outcome.Files.ShouldBe(["README.md", "same.txt"], ignoreOrder: true);
        (await bench.RepoGitAsync("rev-parse", "main")).ShouldBe(before);
        (await bench.GitAsync(bench.Repo.Path, "status", "--porcelain")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Merge_WhenPathsHaveSpacesAndUnicode_NamesThemVerbatim()
    {
        using var bench = new Workbench();
        const string path = "dir with space/naïve ü.txt";
        bench.Repo.WriteFile(path, "base\n");
        bench.Repo.CommitAll("base");
        await bench.TaskWithFilesAsync("task-1", (path, "task\n"));
        bench.Repo.WriteFile(path, "main\n");
        bench.Repo.CommitAll("main");

        var conflict = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Merge, "land", Cancel);
        bench.Repo.Git("reset", "-q", "--hard", "HEAD~1");
        bench.Repo.WriteFile(path, "local edit\n");
        var blocked = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Merge, "land", Cancel);

        conflict.Files.ShouldBe([path]);
        blocked.Kind.ShouldBe(MergeOutcomeKind.BlockedByLocalChanges);
        blocked.Files.ShouldBe([path]);
    }

    [Fact]
    public async Task Merge_WhenBranchIsMissing_FailsAndSaysWhich()
    {
        using var bench = new Workbench();

        var noSource = await bench.Merger.MergeAsync(bench.Repo.Path, "nope", "main", MergeStrategy.Merge, "m", Cancel);
        await bench.TaskWithFilesAsync("task-1", ("a.txt", "a\n"));
        var noTarget = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "nope", MergeStrategy.Merge, "m", Cancel);

        noSource.Kind.ShouldBe(MergeOutcomeKind.Failed);
        noSource.Reason.ShouldContain("'nope'");
        noTarget.Kind.ShouldBe(MergeOutcomeKind.Failed);
        noTarget.Reason.ShouldContain("'nope'");
    }

    [Fact]
    public async Task Merge_WhenTargetIsNotCheckedOut_MovesOnlyTheRef()
    {
        using var bench = new Workbench();
        await bench.TaskWithFilesAsync("task-1", ("a.txt", "a\n"));
        var before = await bench.RepoGitAsync("rev-parse", "main");
        bench.Repo.Git("checkout", "-q", "--detach");

        var outcome = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Squash, "land", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.Merged, outcome.Reason);
        (await bench.RepoGitAsync("rev-parse", "HEAD")).ShouldBe(before);
        File.Exists(Path.Combine(bench.Repo.Path, "a.txt")).ShouldBeFalse();
        (await bench.RepoGitAsync("rev-parse", "main")).ShouldBe(outcome.Commit);
    }

    private static string MoveMain(Workbench bench, string file)
    {
        bench.Repo.WriteFile(file, "main moved on\n");
        bench.Repo.CommitAll("main moves");
        return bench.Repo.Git("rev-parse", "main");
    }

    /// <summary>A commit the agent makes itself in its checkout, brought into the repository by the engine's next checkpoint.</summary>
    private static async Task AgentCommitAsync(Workbench bench, Core.Workspaces.Worktree worktree, string file, string author, string message)
    {
        Workbench.Write(worktree, file, file + "\n");
        GitRepo.RunGit(worktree.Path, "add", "-A");
        GitRepo.RunGit(worktree.Path, "-c", $"user.name={author}", "-c", $"user.email={author.ToLowerInvariant()}@example.invalid",
            "commit", "-q", "-m", message, "--date", "2001-02-03T04:05:06+0100");
        (await bench.Manager.CheckpointAsync(worktree, "checkpoint", Workbench.Cancel)).Commit.ShouldBeNull();
    }
}
