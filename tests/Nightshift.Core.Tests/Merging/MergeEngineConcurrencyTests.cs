using Nightshift.Core.Git;
using Nightshift.Core.Merging;
using Nightshift.Core.Projects;
using Nightshift.Core.Tests.Workspaces;
using Nightshift.Core.Workspaces;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Merging;

public sealed class MergeEngineConcurrencyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Merge_TwentyBranchesConcurrently_AllLandOnMainAndCheckoutFollows()
    {
        using var bench = new Workbench();
        var tasks = new List<Worktree>();
        for (var i = 0; i < 20; i++)
        {
            tasks.Add(await bench.TaskWithFilesAsync($"task-{i}", ($"files/f{i}.txt", $"task {i}\n")));
        }
        bench.Repo.WriteFile("notes.txt", "uncommitted, unrelated\n");

        var outcomes = await Task.WhenAll(tasks.Select((t, i) =>
            bench.Merger.MergeAsync(bench.Repo.Path, t.Branch, "main", (MergeStrategy)(i % 3), $"Land {t.Branch}", Cancel)));

        outcomes.ShouldAllBe(o => o.Kind == MergeOutcomeKind.Merged && o.TargetChanged);
        for (var i = 0; i < 20; i++)
        {
            var branch = tasks[i].Branch;
            if ((MergeStrategy)(i % 3) == MergeStrategy.Merge)
            {
                (await bench.IsAncestorAsync(branch, "main")).ShouldBeTrue(branch);
            }
            else
            {
                // Squash and rebase land the branch's patches; a rebase that found main still at the
                // branch's base fast-forwards, and then the commits are in main by ancestry and
                // cherry lists nothing. Either way, no commit of the branch may be missing (+).
                var cherry = await bench.RepoGitAsync("cherry", "main", branch);
                cherry.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(line => line.StartsWith('-'), branch);
                (cherry.Length > 0 || await bench.IsAncestorAsync(branch, "main")).ShouldBeTrue(branch);
            }
            (await bench.RepoGitAsync("show", $"main:files/f{i}.txt")).ShouldBe($"task {i}");
            File.ReadAllText(Path.Combine(bench.Repo.Path, "files", $"f{i}.txt")).ShouldBe($"task {i}\n");
        }
        (await bench.GitAsync(bench.Repo.Path, "status", "--porcelain")).ShouldBe("?? notes.txt");
        File.ReadAllText(Path.Combine(bench.Repo.Path, "notes.txt")).ShouldBe("uncommitted, unrelated\n");
        Directory.EnumerateFiles(Path.Combine(bench.Repo.Path, ".git"), "*.lock", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MoveTarget_WhenTargetNoLongerAtOldCommit_ChangesNothing(bool checkedOut)
    {
        using var bench = new Workbench();
        await bench.TaskWithFilesAsync("task-1", ("a.txt", "a\n"));
        var stale = await bench.RepoGitAsync("rev-parse", "main");
        bench.Repo.WriteFile("b.txt", "landed meanwhile\n");
        bench.Repo.CommitAll("someone else");
        var current = await bench.RepoGitAsync("rev-parse", "main");
        if (!checkedOut)
        {
            bench.Repo.Git("checkout", "-q", "--detach");
        }
        var repository = await GitRepository.OpenAsync(bench.Git, bench.Repo.Path, Cancel);
        var task = await bench.RepoGitAsync("rev-parse", "task-1");

        var move = await new TargetMover(bench.Git, repository, bench.Repo.Path).MoveAsync("main", stale, task, "test", Cancel);

        move.Status.ShouldBe(TargetMoveStatus.Stale);
        (await bench.RepoGitAsync("rev-parse", "main")).ShouldBe(current);
        File.Exists(Path.Combine(bench.Repo.Path, "a.txt")).ShouldBeFalse();
        (await bench.GitAsync(bench.Repo.Path, "status", "--porcelain")).ShouldBeEmpty();
    }
}
