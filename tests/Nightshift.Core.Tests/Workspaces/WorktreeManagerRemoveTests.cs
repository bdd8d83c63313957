using Nightshift.Core.Merging;
using Nightshift.Core.Projects;
using Nightshift.Core.Workspaces;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Workspaces;

public sealed class WorktreeManagerRemoveTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Remove_WhenTrackedFileModified_KeepsWorktreeAndSaysWhy()
    {
        using var bench = new Workbench();
        var worktree = await bench.CreateAsync("task-1");
        Workbench.Write(worktree, "README.md", "edited\n");

        var result = await bench.Manager.RemoveAsync(worktree, RemoveOptions.KeepBranch, Cancel);

        result.Removed.ShouldBeFalse();
        result.Reason.ShouldContain("README.md");
        File.ReadAllText(Path.Combine(worktree.Path, "README.md")).ShouldBe("edited\n");
        Directory.Exists(Path.Combine(worktree.Path, ".git")).ShouldBeTrue();
    }

    [Fact]
    public async Task Remove_WhenUntrackedFileExists_KeepsWorktree()
    {
        using var bench = new Workbench();
        var worktree = await bench.CreateAsync("task-1");
        Workbench.Write(worktree, "notes/new.txt", "draft");

        var result = await bench.Manager.RemoveAsync(worktree, RemoveOptions.KeepBranch, Cancel);

        result.Removed.ShouldBeFalse();
        result.Reason.ShouldContain("notes/new.txt");
        File.Exists(Path.Combine(worktree.Path, "notes/new.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task Remove_WhenChangeIsHiddenByIndexFlags_StillKeepsWorktree()
    {
        using var bench = new Workbench();
        var worktree = await bench.CreateAsync("task-1");
        await bench.GitAsync(worktree.Path, "update-index", "--skip-worktree", "README.md");
        Workbench.Write(worktree, "README.md", "hidden edit\n");

        var result = await bench.Manager.RemoveAsync(worktree, RemoveOptions.KeepBranch, Cancel);

        result.Removed.ShouldBeFalse();
        result.Reason.ShouldContain("README.md");
    }

    [Fact]
    public async Task Remove_WhenClean_RemovesWorktreeAndKeepsBranch()
    {
        using var bench = new Workbench();
        var worktree = await bench.TaskWithFilesAsync("task-1", ("a.txt", "a"));
        Workbench.Write(worktree, "bin/ignored.dll", "x");
        File.WriteAllText(Path.Combine(worktree.Path, ".gitignore"), "bin/\n");
        await bench.Manager.CommitAllAsync(worktree, "ignore", Cancel);

        var result = await bench.Manager.RemoveAsync(worktree, RemoveOptions.KeepBranch, Cancel);

        result.Removed.ShouldBeTrue(result.Reason);
        result.BranchDeleted.ShouldBeFalse();
        Directory.Exists(worktree.Path).ShouldBeFalse();
        (await bench.BranchExistsAsync("task-1")).ShouldBeTrue();
        (await bench.Manager.ListAsync(bench.Repo.Path, Cancel)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Remove_WhenBranchNotMerged_KeepsWorktreeAndBranch()
    {
        using var bench = new Workbench();
        var worktree = await bench.TaskWithFilesAsync("task-1", ("a.txt", "a"));

        var result = await bench.Manager.RemoveAsync(worktree, RemoveOptions.DeleteBranchMergedInto("main"), Cancel);

        result.Removed.ShouldBeFalse();
        result.Reason.ShouldContain("not in 'main'");
        Directory.Exists(worktree.Path).ShouldBeTrue();
        (await bench.BranchExistsAsync("task-1")).ShouldBeTrue();
    }

    [Fact]
    public async Task Remove_WhenDeleteBranchHasNoTarget_RemovesNothing()
    {
        using var bench = new Workbench();
        var worktree = await bench.CreateAsync("task-1");

        var result = await bench.Manager.RemoveAsync(worktree, new RemoveOptions { DeleteBranch = true }, Cancel);

        result.Removed.ShouldBeFalse();
        Directory.Exists(worktree.Path).ShouldBeTrue();
    }

    [Theory]
    [InlineData(MergeStrategy.Merge)]
    [InlineData(MergeStrategy.Squash)]
    [InlineData(MergeStrategy.Rebase)]
    public async Task Remove_WhenBranchMerged_RemovesWorktreeAndBranch(MergeStrategy strategy)
    {
        using var bench = new Workbench();
        var worktree = await bench.TaskWithFilesAsync("task-1", ("a.txt", "a\n"));
        Workbench.Write(worktree, "b.txt", "b\n");
        await bench.Manager.CommitAllAsync(worktree, "second commit", Cancel);
        bench.Repo.WriteFile("main.txt", "main moved on\n");
        bench.Repo.CommitAll("main moves");
        (await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", strategy, "land task-1", Cancel)).Kind.ShouldBe(MergeOutcomeKind.Merged);

        var result = await bench.Manager.RemoveAsync(worktree, RemoveOptions.DeleteBranchMergedInto("main"), Cancel);

        result.Removed.ShouldBeTrue(result.Reason);
        result.BranchDeleted.ShouldBeTrue(result.Reason);
        Directory.Exists(worktree.Path).ShouldBeFalse();
        (await bench.BranchExistsAsync("task-1")).ShouldBeFalse();
    }

    [Fact]
    public async Task Remove_WhenFolderAlreadyDeleted_ForgetsWorktree()
    {
        using var bench = new Workbench();
        var worktree = await bench.CreateAsync("task-1");
        Directory.Delete(worktree.Path, recursive: true);

        var result = await bench.Manager.RemoveAsync(worktree, RemoveOptions.KeepBranch, Cancel);

        result.Removed.ShouldBeTrue(result.Reason);
        (await bench.Manager.ListAsync(bench.Repo.Path, Cancel)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Remove_NeverRemovesTheMainWorktree()
    {
        using var bench = new Workbench();

        var result = await bench.Manager.RemoveAsync(bench.Repo.Path, bench.Repo.Path, "main", RemoveOptions.KeepBranch, Cancel);

        result.Removed.ShouldBeFalse();
        File.Exists(Path.Combine(bench.Repo.Path, "README.md")).ShouldBeTrue();
    }
}
