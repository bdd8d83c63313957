using Nightshift.Core.Workspaces;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Workspaces;

public sealed class WorktreeManagerCommitTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CommitAll_StagesNewModifiedAndDeletedFiles()
    {
        using var bench = new Workbench();
        bench.Repo.WriteFile("old.txt", "old");
        bench.Repo.CommitAll("add old");
        var worktree = await bench.CreateAsync("task-1");
        Workbench.Write(worktree, "README.md", "changed\n");
        Workbench.Write(worktree, "src/new.txt", "new\n");
        File.Delete(Path.Combine(worktree.Path, "old.txt"));

        var commit = await bench.Manager.CommitAllAsync(worktree, "agent work", Cancel);

        commit.ShouldNotBeNull();
        (await bench.RepoGitAsync("rev-parse", "task-1")).ShouldBe(commit);
        var changes = await bench.RepoGitAsync("diff", "--name-status", "--no-renames", "main", "task-1");
        changes.Split('\n').ShouldBe(["M\tREADME.md", "D\told.txt", "A\tsrc/new.txt"], ignoreOrder: true);
        (await bench.RepoGitAsync("show", "-s", "--format=%an <%ae>|%cn|%s", commit)).ShouldBe("Nightshift <nightshift@localhost>|Nightshift|agent work");
    }

    [Fact]
    public async Task CommitAll_LeavesTheWorktreeClean()
    {
        using var bench = new Workbench();
        var worktree = await bench.CreateAsync("task-1");
        Workbench.Write(worktree, "a.txt", "a\n");

        await bench.Manager.CommitAllAsync(worktree, "agent work", Cancel);

        (await bench.GitAsync(worktree.Path, "status", "--porcelain")).ShouldBeEmpty();
    }

    [Fact]
    public async Task CommitAll_WhenNothingChanged_ReturnsNull()
    {
        using var bench = new Workbench();
        var worktree = await bench.CreateAsync("task-1");

        var commit = await bench.Manager.CommitAllAsync(worktree, "nothing", Cancel);

        commit.ShouldBeNull();
        (await bench.RepoGitAsync("rev-parse", "task-1")).ShouldBe(worktree.BaseCommit);
    }

    [Fact]
    public async Task CommitAll_LeavesIgnoredFilesOut()
    {
        using var bench = new Workbench();
        bench.Repo.WriteFile(".gitignore", "bin/\n");
        bench.Repo.CommitAll("ignore bin");
        var worktree = await bench.CreateAsync("task-1");
        Workbench.Write(worktree, "bin/out.dll", "binary");
        Workbench.Write(worktree, "code.cs", "class C {}");

        var commit = await bench.Manager.CommitAllAsync(worktree, "work", Cancel);

        (await bench.RepoGitAsync("ls-tree", "-r", "--name-only", commit!)).Split('\n').ShouldBe([".gitignore", "README.md", "code.cs"]);
    }

    [Fact]
    public async Task CommitAll_WhenAgentSwitchedBranch_Throws()
    {
        using var bench = new Workbench();
        var worktree = await bench.CreateAsync("task-1");
        await bench.GitAsync(worktree.Path, "switch", "-q", "-c", "elsewhere");
        Workbench.Write(worktree, "a.txt", "a");

        var ex = await Should.ThrowAsync<WorkspaceException>(() => bench.Manager.CommitAllAsync(worktree, "work", Cancel));

        ex.Message.ShouldContain("refs/heads/elsewhere");
        (await bench.RepoGitAsync("rev-parse", "task-1")).ShouldBe(worktree.BaseCommit);
    }

    [Fact]
    public async Task Diff_ShowsCommittedWorkSinceBase()
    {
        using var bench = new Workbench();
        var worktree = await bench.TaskWithFilesAsync("task-1", ("a.txt", "hello\n"));

        var diff = await bench.Manager.DiffAsync(worktree, Cancel);

        diff.ShouldContain("+++ b/a.txt");
        diff.ShouldContain("+hello");
    }
}
