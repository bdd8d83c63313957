using Nightshift.Core.Merging;
using Nightshift.Core.Projects;
using Nightshift.Core.Workspaces;
using Nightshift.Testing;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Workspaces;

/// <summary>
/// Nothing an agent wrote into its checkout, nor anything planted in the repository's own git folder,
/// runs when the engine works.
/// </summary>
public sealed class AgentPayloadTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(MergeStrategy.Merge)]
    [InlineData(MergeStrategy.Squash)]
    [InlineData(MergeStrategy.Rebase)]
    public async Task EngineCommitDiffMergeCreateAndRemove_NeverRunAgentPayload(MergeStrategy strategy)
    {
        using var bench = new Workbench();
        using var payload = new AgentPayload();
        bench.Repo.WriteFile("shared.txt", "1\n2\n3\n4\n5\n6\n7\n8\n9\n");
        bench.Repo.CommitAll("shared");
        var worktree = await bench.CreateAsync("task-1");
        bench.Repo.WriteFile("shared.txt", "1\n2\n3\n4\n5\n6\n7\n8\nnine\n");
        bench.Repo.CommitAll("main edits line 9");
        // Planted in the task's own git directory, and in the repository's (the worst case: left there by some other means).
        payload.Install(worktree.Path, Path.Combine(worktree.Path, ".git"));
        payload.Install(bench.Repo.Path, Path.Combine(bench.Repo.Path, ".git"));

        Workbench.Write(worktree, ".gitattributes", AgentPayload.Attributes);
        Workbench.Write(worktree, "shared.txt", "1\ntwo\n3\n4\n5\n6\n7\n8\n9\n");
        Workbench.Write(worktree, "new.txt", "new\n");
        (await bench.Manager.CommitAllAsync(worktree, "agent work", Cancel)).ShouldNotBeNull();
        payload.Fired.ShouldBeEmpty("commit");
        (await bench.GitAsync(worktree.Path, "status", "--porcelain")).ShouldBeEmpty();

        (await bench.Manager.DiffAsync(worktree, Cancel)).ShouldContain("+two");
        payload.Fired.ShouldBeEmpty("diff");

        var merged = await bench.Merger.MergeAsync(bench.Repo.Path, "task-1", "main", strategy, "land", Cancel);
        merged.Kind.ShouldBe(MergeOutcomeKind.Merged, merged.Reason);
        payload.Fired.ShouldBeEmpty("merge");
        File.ReadAllText(Path.Combine(bench.Repo.Path, "shared.txt")).ShouldBe("1\ntwo\n3\n4\n5\n6\n7\n8\nnine\n");
        File.ReadAllText(Path.Combine(bench.Repo.Path, ".gitattributes")).ShouldBe(AgentPayload.Attributes);

        var second = await bench.CreateAsync("task-2");
        File.ReadAllText(Path.Combine(second.Path, "new.txt")).ShouldBe("new\n");
        Workbench.Write(second, "later.txt", "later\n");
        payload.Fired.ShouldBeEmpty("create");

        (await bench.Manager.RemoveAsync(second, RemoveOptions.KeepBranch, Cancel)).Removed.ShouldBeFalse();
        (await bench.Manager.RemoveAsync(worktree, RemoveOptions.DeleteBranchMergedInto("main"), Cancel)).BranchDeleted.ShouldBeTrue();
        payload.Fired.ShouldBeEmpty("remove");

        // The control: plain git in the repository runs what was planted there.
        GitRepo.RunGit(bench.Repo.Path, "status");
        payload.Fired.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task GitCli_InARealRepository_NeutralisesTheDriversItFinds()
    {
        using var bench = new Workbench();
        using var payload = new AgentPayload();
        var worktree = await bench.CreateAsync("task-1");
        payload.Install(worktree.Path, Path.Combine(worktree.Path, ".git"));
        Workbench.Write(worktree, ".gitattributes", AgentPayload.Attributes);
        Workbench.Write(worktree, "README.md", "changed\n");

        await bench.GitAsync(worktree.Path, "add", "-A");
        await bench.GitAsync(worktree.Path, "commit", "-q", "-m", "through the hardened runner");
        await bench.GitAsync(worktree.Path, "log", "-p", "--no-textconv", "--no-ext-diff", "-1");
        File.Delete(Path.Combine(worktree.Path, "README.md"));
        await bench.GitAsync(worktree.Path, "checkout", "--", "README.md");

        payload.Fired.ShouldBeEmpty();
        File.ReadAllText(Path.Combine(worktree.Path, "README.md")).ShouldBe("changed\n");
    }
}
