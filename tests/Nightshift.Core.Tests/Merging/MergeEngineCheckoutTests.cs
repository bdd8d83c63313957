using Nightshift.Core.Merging;
using Nightshift.Core.Projects;
using Nightshift.Core.Tests.Workspaces;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Merging;

/// <summary>The target is checked out in the user's own working tree (the repository folder itself).</summary>
public sealed class MergeEngineCheckoutTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(MergeStrategy.Merge)]
    [InlineData(MergeStrategy.Squash)]
    [InlineData(MergeStrategy.Rebase)]
    public async Task Merge_WhenTargetCheckedOut_BringsCheckoutForwardKeepingUnrelatedChanges(MergeStrategy strategy)
    {
        using var bench = new Workbench();
        bench.Repo.WriteFile("tracked.txt", "v1\n");
        bench.Repo.WriteFile("gone.txt", "to be deleted\n");
        bench.Repo.CommitAll("more files");
        var worktree = await bench.CreateAsync("task-1");
        Workbench.Write(worktree, "README.md", "# changed by task\n");
        Workbench.Write(worktree, "src/new.txt", "new\n");
        File.Delete(Path.Combine(worktree.Path, "gone.txt"));
        await bench.Manager.CommitAllAsync(worktree, "task work", Cancel);
        bench.Repo.WriteFile("notes.txt", "my own notes\n");
        bench.Repo.WriteFile("tracked.txt", "v2, not committed\n");
        bench.Repo.WriteFile("staged.txt", "staged\n");
        bench.Repo.Git("add", "staged.txt");

        var outcome = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", strategy, "land", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.Merged, outcome.Reason);
        (await bench.RepoGitAsync("rev-parse", "HEAD")).ShouldBe(outcome.Commit);
        (await bench.GitAsync(bench.Repo.Path, "status", "--porcelain", "--untracked-files=all")).Split('\n')
            .ShouldBe(["A  staged.txt", " M tracked.txt", "?? notes.txt"], ignoreOrder: true);
        File.ReadAllText(Path.Combine(bench.Repo.Path, "README.md")).ShouldBe("# changed by task\n");
        File.ReadAllText(Path.Combine(bench.Repo.Path, "src/new.txt")).ShouldBe("new\n");
        File.Exists(Path.Combine(bench.Repo.Path, "gone.txt")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(bench.Repo.Path, "notes.txt")).ShouldBe("my own notes\n");
        File.ReadAllText(Path.Combine(bench.Repo.Path, "tracked.txt")).ShouldBe("v2, not committed\n");
    }

    [Fact]
    public async Task Merge_WhenLocalChangeTouchesMergedFile_IsBlockedAndRefStays()
    {
        using var bench = new Workbench();
        await bench.TaskWithFilesAsync("task-1", ("README.md", "# changed by task\n"), ("other.txt", "x\n"));
        var before = await bench.RepoGitAsync("rev-parse", "main");
        bench.Repo.WriteFile("README.md", "# my local edit\n");

        var outcome = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Merge, "land", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.BlockedByLocalChanges);
        outcome.Files.ShouldBe(["README.md"]);
        outcome.Reason.ShouldContain(bench.Repo.Path);
        (await bench.RepoGitAsync("rev-parse", "main")).ShouldBe(before);
        File.ReadAllText(Path.Combine(bench.Repo.Path, "README.md")).ShouldBe("# my local edit\n");
        File.Exists(Path.Combine(bench.Repo.Path, "other.txt")).ShouldBeFalse();
        (await bench.GitAsync(bench.Repo.Path, "status", "--porcelain")).ShouldBe("M README.md");
    }

    [Fact]
    public async Task Merge_WhenUntrackedFileWouldBeOverwritten_IsBlocked()
    {
        using var bench = new Workbench();
        await bench.TaskWithFilesAsync("task-1", ("a.txt", "from task\n"));
        var before = await bench.RepoGitAsync("rev-parse", "main");
        bench.Repo.WriteFile("a.txt", "mine\n");

        var outcome = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Squash, "land", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.BlockedByLocalChanges);
        outcome.Files.ShouldBe(["a.txt"]);
        (await bench.RepoGitAsync("rev-parse", "main")).ShouldBe(before);
        File.ReadAllText(Path.Combine(bench.Repo.Path, "a.txt")).ShouldBe("mine\n");
    }

    [Fact]
    public async Task Merge_WhenCheckoutIsBusyWithAnotherGitCommand_FailsAndRefStays()
    {
        using var bench = new Workbench();
        await bench.TaskWithFilesAsync("task-1", ("a.txt", "a\n"));
        var before = await bench.RepoGitAsync("rev-parse", "main");
        var lockFile = Path.Combine(bench.Repo.Path, ".git", "index.lock");
        await File.WriteAllTextAsync(lockFile, string.Empty, Cancel);

        var outcome = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", MergeStrategy.Merge, "land", Cancel);

        outcome.Kind.ShouldBe(MergeOutcomeKind.Failed);
        outcome.Reason.ShouldContain("index lock");
        (await bench.RepoGitAsync("rev-parse", "main")).ShouldBe(before);
        File.Exists(lockFile).ShouldBeTrue();
    }
}
