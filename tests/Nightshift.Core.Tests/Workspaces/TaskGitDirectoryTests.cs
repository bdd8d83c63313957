using Nightshift.Core.Workspaces;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Workspaces;

/// <summary>
/// A task checkout's git directory is its own: what the agent does there with plain git stays
/// there, is reported by the next checkpoint, and is undone; its commits reach the repository only
/// through the checkpoint's fetch.
/// </summary>
public sealed class TaskGitDirectoryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AgentMovingMainInItsCheckout_MovesNothingInTheRepository()
    {
        using var bench = new Workbench();
        var main = await bench.RepoGitAsync("rev-parse", "main");
        var worktree = await bench.CreateAsync("task-1");
        Workbench.Write(worktree, "a.txt", "a\n");
        GitRepo.RunGit(worktree.Path, "add", "a.txt");
        GitRepo.RunGit(worktree.Path, "-c", "user.name=Agent", "-c", "user.email=agent@example.invalid", "commit", "-q", "-m", "agent");

        GitRepo.RunGit(worktree.Path, "update-ref", "refs/heads/main", "HEAD");
        GitRepo.RunGit(worktree.Path, "update-ref", "refs/heads/task-1", "HEAD");

        (await bench.RepoGitAsync("rev-parse", "main")).ShouldBe(main);
        (await bench.RepoGitAsync("rev-parse", "task-1")).ShouldBe(main);
    }

    [Fact]
    public async Task Checkpoint_WhenAgentChangedItsGitDirectory_ReportsItAndPutsBackTheEnginesOwn()
    {
        using var bench = new Workbench();
        var repoConfig = File.ReadAllText(Path.Combine(bench.Repo.Path, ".git", "config"));
        var worktree = await bench.CreateAsync("task-1");
        var configFile = Path.Combine(worktree.Path, ".git", "config");
        var engineConfig = File.ReadAllText(configFile);
        GitRepo.RunGit(worktree.Path, "config", "core.fsmonitor", "touch /nonexistent/fsmonitor");
        GitRepo.RunGit(worktree.Path, "config", "include.path", "/nonexistent/config");
        File.WriteAllText(Path.Combine(worktree.Path, ".git", "hooks", "pre-commit"), "#!/bin/sh\nexit 0\n");
        File.WriteAllText(Path.Combine(worktree.Path, ".git", "info", "attributes"), "* filter=evil\n");
        Workbench.Write(worktree, "a.txt", "a\n");

        var checkpoint = await bench.Manager.CheckpointAsync(worktree, "work", Cancel);

        checkpoint.Commit.ShouldNotBeNull();
        var changes = string.Join("\n", checkpoint.GitDirectoryChanges);
        changes.ShouldContain("core.fsmonitor");
        changes.ShouldContain("include.path");
        changes.ShouldContain("pre-commit");
        changes.ShouldContain(".git/info/attributes");
        File.ReadAllText(configFile).ShouldBe(engineConfig);
        Directory.EnumerateFileSystemEntries(Path.Combine(worktree.Path, ".git", "hooks")).ShouldBeEmpty();
        File.Exists(Path.Combine(worktree.Path, ".git", "info", "attributes")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(bench.Repo.Path, ".git", "config")).ShouldBe(repoConfig);
        (await bench.Manager.CheckpointAsync(worktree, "again", Cancel)).GitDirectoryChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task Checkpoint_WhenPartOfTheGitDirectoryIsALink_CommitsNothing()
    {
        using var bench = new Workbench();
        var worktree = await bench.CreateAsync("task-1");
        var refs = Path.Combine(worktree.Path, ".git", "refs");
        Directory.Delete(refs, recursive: true);
        Directory.CreateSymbolicLink(refs, Path.Combine(bench.Repo.Path, ".git", "refs"));
        Workbench.Write(worktree, "a.txt", "a\n");

        var ex = await Should.ThrowAsync<WorkspaceException>(() => bench.Manager.CheckpointAsync(worktree, "work", Cancel));

        ex.Message.ShouldContain(".git/refs");
        (await bench.RepoGitAsync("rev-parse", "task-1")).ShouldBe(worktree.BaseCommit);
    }

    [Fact]
    public async Task Checkpoint_FlagsDriversNewlyNamedInGitattributesThatTheRepositoryDoesNotDefine()
    {
        using var bench = new Workbench();
        bench.Repo.WriteFile(".gitattributes", "*.png filter=known\n*.bin filter=old\n");
        bench.Repo.CommitAll("attributes");
        bench.Repo.Git("config", "filter.known.clean", "cat");
        var worktree = await bench.CreateAsync("task-1");
        Workbench.Write(worktree, ".gitattributes", "*.png filter=known\n*.bin filter=old\n*.cs diff=csharp\n*.x filter=evil merge=evil\n");
        Workbench.Write(worktree, "sub/.gitattributes", "*.y diff=other\n");

        var checkpoint = await bench.Manager.CheckpointAsync(worktree, "work", Cancel);

        checkpoint.UndefinedDrivers.Order(StringComparer.Ordinal).ShouldBe(
            ["diff=other in sub/.gitattributes", "filter=evil in .gitattributes", "merge=evil in .gitattributes"]);
    }

    [Fact]
    public async Task Checkpoint_WhenAgentCommittedItself_CountsItsCommitsAndBringsThemIntoTheRepository()
    {
        using var bench = new Workbench();
        var worktree = await bench.CreateAsync("task-1");
        for (var i = 1; i <= 2; i++)
        {
            Workbench.Write(worktree, $"f{i}.txt", $"{i}\n");
            GitRepo.RunGit(worktree.Path, "add", "-A");
            GitRepo.RunGit(worktree.Path, "-c", "user.name=Agent", "-c", "user.email=agent@example.invalid", "commit", "-q", "-m", $"agent {i}");
        }
        var agentTip = GitRepo.RunGit(worktree.Path, "rev-parse", "HEAD");
        Workbench.Write(worktree, "f3.txt", "3\n");

        var checkpoint = await bench.Manager.CheckpointAsync(worktree, "engine", Cancel);

        checkpoint.AgentCommits.ShouldBe(2);
        checkpoint.Rewritten.ShouldBeFalse();
        (await bench.RepoGitAsync("rev-parse", "task-1")).ShouldBe(checkpoint.Commit);
        (await bench.RepoGitAsync("rev-parse", "task-1~1")).ShouldBe(agentTip);
        GitRepo.RunGit(worktree.Path, "rev-parse", "HEAD").ShouldBe(checkpoint.Commit);
        (await bench.Manager.CheckpointAsync(worktree, "nothing new", Cancel)).AgentCommits.ShouldBe(0);
    }

    [Fact]
    public async Task Checkpoint_WhenAgentResetItsBranch_SaysTheBranchWasRewritten()
    {
        using var bench = new Workbench();
        var worktree = await bench.TaskWithFilesAsync("task-1", ("a.txt", "a\n"));
        GitRepo.RunGit(worktree.Path, "reset", "-q", "--hard", worktree.BaseCommit);

        var checkpoint = await bench.Manager.CheckpointAsync(worktree, "after reset", Cancel);

        checkpoint.Rewritten.ShouldBeTrue();
        (await bench.RepoGitAsync("rev-parse", "task-1")).ShouldBe(worktree.BaseCommit);
    }

    [Fact]
    public async Task GcInTheRepository_KeepsEveryObjectTheCheckoutBorrows()
    {
        using var bench = new Workbench();
        var worktree = await bench.TaskWithFilesAsync("task-1", ("a.txt", "a\n"));
        bench.Repo.Git("gc", "-q", "--prune=now");

        GitRepo.RunGit(worktree.Path, "fsck", "--connectivity-only", "--no-dangling");
        Workbench.Write(worktree, "b.txt", "b\n");
        (await bench.Manager.CommitAllAsync(worktree, "more", Cancel)).ShouldNotBeNull();
        GitRepo.RunGit(worktree.Path, "status", "--porcelain").ShouldBeEmpty();
    }

    [Fact]
    public async Task Remove_WhenTheCheckoutHasCommitsNotInTheRepository_KeepsIt()
    {
        using var bench = new Workbench();
        var worktree = await bench.CreateAsync("task-1");
        Workbench.Write(worktree, "a.txt", "a\n");
        GitRepo.RunGit(worktree.Path, "add", "-A");
        GitRepo.RunGit(worktree.Path, "-c", "user.name=Agent", "-c", "user.email=agent@example.invalid", "commit", "-q", "-m", "agent");

        var result = await bench.Manager.RemoveAsync(worktree, RemoveOptions.KeepBranch, Cancel);

        result.Removed.ShouldBeFalse();
        result.Reason.ShouldContain("not in");
        Directory.Exists(worktree.Path).ShouldBeTrue();
    }

    [Fact]
    public async Task Create_WhenTheFolderIsALinkedWorktreeOfAnEarlierVersion_GivesItAGitDirectoryOfItsOwnKeepingItsWork()
    {
        using var bench = new Workbench();
        var path = bench.WorktreePath("task-1");
        bench.Repo.Git("branch", "task-1");
        bench.Repo.Git("worktree", "add", "-q", "--lock", path, "task-1");
        File.WriteAllText(Path.Combine(path, "README.md"), "edited before the upgrade\n");

        var worktree = await bench.CreateAsync("task-1");

        worktree.Path.ShouldBe(path);
        Directory.Exists(Path.Combine(path, ".git")).ShouldBeTrue();
        (await bench.Manager.ListAsync(bench.Repo.Path, Cancel)).ShouldHaveSingleItem().IsMain.ShouldBeTrue();
        GitRepo.RunGit(path, "status", "--porcelain").ShouldBe("M README.md");
        (await bench.Manager.CommitAllAsync(worktree, "kept", Cancel)).ShouldNotBeNull();
        (await bench.RepoGitAsync("show", "task-1:README.md")).ShouldBe("edited before the upgrade");
    }
}
