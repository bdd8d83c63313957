using Nightshift.Core.Git;
using Nightshift.Core.Workspaces;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Workspaces;

public sealed class WorktreeManagerCreateTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_MakesCheckoutWithGitDirectoryOfItsOwnOnNewBranchAtBase()
    {
        using var bench = new Workbench();
        var main = await bench.RepoGitAsync("rev-parse", "main");

        var worktree = await bench.CreateAsync("task-1");

        worktree.Branch.ShouldBe("task-1");
        worktree.BaseCommit.ShouldBe(main);
        File.ReadAllText(Path.Combine(worktree.Path, "README.md")).ShouldBe("# sample\n");
        (await bench.RepoGitAsync("rev-parse", "task-1")).ShouldBe(main);
        (await bench.GitAsync(worktree.Path, "status", "--porcelain")).ShouldBeEmpty();
        (await bench.GitAsync(worktree.Path, "rev-parse", "--absolute-git-dir")).ShouldBe(Path.Combine(worktree.Path, ".git"));
        (await bench.GitAsync(worktree.Path, "symbolic-ref", "HEAD")).ShouldBe("refs/heads/task-1");
        // Objects are borrowed, not copied: the checkout's own store starts empty.
        File.ReadAllText(Path.Combine(worktree.Path, ".git", "objects", "info", "alternates")).Trim().ShouldBe(Path.Combine(bench.Repo.Path, ".git", "objects"));
        Directory.EnumerateFiles(Path.Combine(worktree.Path, ".git", "objects"), "*", SearchOption.AllDirectories)
            .ShouldAllBe(f => f.EndsWith("alternates", StringComparison.Ordinal));
        (await bench.Manager.ListAsync(bench.Repo.Path, Cancel)).ShouldHaveSingleItem().IsMain.ShouldBeTrue();
    }

    [Fact]
    public async Task Create_RunsSetupScriptInTheWorktree()
    {
        using var bench = new Workbench();

        var worktree = await bench.CreateAsync("task-1", "echo ready > setup.txt");

        File.ReadAllText(Path.Combine(worktree.Path, "setup.txt")).ShouldBe("ready\n");
    }

    [Fact]
    public async Task Create_WhenSetupFails_LeavesNoBranchOrFolder()
    {
        using var bench = new Workbench();

        var ex = await Should.ThrowAsync<WorkspaceException>(() => bench.CreateAsync("task-1", "echo broken >&2; exit 3"));

        ex.Message.ShouldContain("exited with code 3");
        ex.Message.ShouldContain("broken");
        await AssertNothingLeftAsync(bench, "task-1");
    }

    [Fact]
    public async Task Create_WhenSetupTimesOut_LeavesNoBranchOrFolder()
    {
        using var bench = new Workbench();
        var manager = new WorktreeManager(bench.Git, TimeProvider.System, TimeSpan.FromMilliseconds(300));

        var ex = await Should.ThrowAsync<WorkspaceException>(
            () => manager.CreateAsync(bench.Repo.Path, bench.WorktreePath("task-1"), "task-1", "main", "sleep 30", Cancel));

        ex.Message.ShouldContain("did not finish");
        await AssertNothingLeftAsync(bench, "task-1");
    }

    [Fact]
    public async Task Create_WhenBaseIsUnknown_LeavesNoBranchOrFolder()
    {
        using var bench = new Workbench();

        var ex = await Should.ThrowAsync<WorkspaceException>(
            () => bench.Manager.CreateAsync(bench.Repo.Path, bench.WorktreePath("task-1"), "task-1", "no-such-base", null, Cancel));

        ex.Message.ShouldContain("no-such-base");
        await AssertNothingLeftAsync(bench, "task-1");
    }

    [Fact]
    public async Task Create_WhenBranchNameIsInvalid_Throws()
    {
        using var bench = new Workbench();

        await Should.ThrowAsync<RepositoryException>(() => bench.CreateAsync("--upload-pack=evil"));
        await Should.ThrowAsync<RepositoryException>(() => bench.CreateAsync("a..b"));
    }

    [Fact]
    public async Task Create_WhenFolderIsNotEmpty_LeavesItAndCreatesNoBranch()
    {
        using var bench = new Workbench();
        var path = bench.WorktreePath("task-1");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "mine.txt"), "keep");

        await Should.ThrowAsync<WorkspaceException>(() => bench.CreateAsync("task-1"));

        File.ReadAllText(Path.Combine(path, "mine.txt")).ShouldBe("keep");
        (await bench.BranchExistsAsync("task-1")).ShouldBeFalse();
    }

    [Fact]
    public async Task Create_WhenWorktreeExists_ReturnsItWithCommitsAndUncommittedWork()
    {
        using var bench = new Workbench();
        var first = await bench.TaskWithFilesAsync("task-1", ("a.txt", "committed"));
        var tip = await bench.RepoGitAsync("rev-parse", "task-1");
        Workbench.Write(first, "draft.txt", "uncommitted");

        var again = await bench.CreateAsync("task-1", "exit 1");

        again.ShouldBe(first);
        (await bench.RepoGitAsync("rev-parse", "task-1")).ShouldBe(tip);
        File.ReadAllText(Path.Combine(again.Path, "draft.txt")).ShouldBe("uncommitted");
    }

    [Fact]
    public async Task Create_WhenBranchExistsWithoutWorktree_ChecksItOutWithoutReset()
    {
        using var bench = new Workbench();
        var first = await bench.TaskWithFilesAsync("task-1", ("a.txt", "committed"));
        var tip = await bench.RepoGitAsync("rev-parse", "task-1");
        (await bench.Manager.RemoveAsync(first, RemoveOptions.KeepBranch, Cancel)).Removed.ShouldBeTrue();
        bench.Repo.WriteFile("later.txt", "main moved on");
        bench.Repo.CommitAll("later");

        var again = await bench.CreateAsync("task-1");

        (await bench.RepoGitAsync("rev-parse", "task-1")).ShouldBe(tip);
        File.ReadAllText(Path.Combine(again.Path, "a.txt")).ShouldBe("committed");
        File.Exists(Path.Combine(again.Path, "later.txt")).ShouldBeFalse();
        again.BaseCommit.ShouldBe(first.BaseCommit);
    }

    [Fact]
    public async Task Create_SixteenConcurrently_AllSucceedWithoutLeftoverLocks()
    {
        using var bench = new Workbench();

        var worktrees = await Task.WhenAll(Enumerable.Range(1, 16).Select(i => bench.CreateAsync($"task-{i}")));

        worktrees.Select(w => w.Branch).Distinct().Count().ShouldBe(16);
        foreach (var worktree in worktrees)
        {
            (await bench.GitAsync(worktree.Path, "symbolic-ref", "HEAD")).ShouldBe("refs/heads/" + worktree.Branch);
            (await bench.BranchExistsAsync(worktree.Branch)).ShouldBeTrue();
            File.Exists(Path.Combine(worktree.Path, "README.md")).ShouldBeTrue();
        }
        Directory.EnumerateFiles(Path.Combine(bench.Repo.Path, ".git"), "*.lock", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    private static async Task AssertNothingLeftAsync(Workbench bench, string branch)
    {
        Directory.Exists(bench.WorktreePath(branch)).ShouldBeFalse();
        (await bench.BranchExistsAsync(branch)).ShouldBeFalse();
        (await bench.Manager.ListAsync(bench.Repo.Path, Cancel)).ShouldHaveSingleItem().IsMain.ShouldBeTrue();
    }
}
