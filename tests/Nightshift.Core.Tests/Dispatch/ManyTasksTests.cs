using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

public sealed class ManyTasksTests
{
    [Fact]
    public async Task ThirtyTwoTasksCreatedAtOnce_AllReachReview_InTheirOwnWorktrees_WithNoGitLockLeft()
    {
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Fast with { Concurrency = 8 });
        engine.StartWorker();

        var tasks = await Task.WhenAll(Enumerable.Range(1, 32).Select(i =>
            engine.AddAsync($"---\nname: t{i}\ncommand: \"mkdir -p out && echo {i} > out/{i}.txt && echo shared-{i} > shared.txt\"\n---\n# Task {i}\n\nWrite {i}.\n", $"t{i}.md")));
        var done = new List<TaskRecord>();
        foreach (var task in tasks)
        {
            done.Add(await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromMinutes(3)));
        }

        await using (var db = engine.Db())
        {
            var runs = await db.Runs.AsNoTracking().ToListAsync();
            runs.Count.ShouldBe(32);
            runs.ShouldAllBe(r => r.State == RunState.Succeeded);
        }
        done.Select(t => t.WorktreePath).Distinct().Count().ShouldBe(32);
        foreach (var (task, i) in done.Select((t, i) => (t, i + 1)))
        {
            engine.Repo.Git("show", $"{task.Branch}:out/{i}.txt").ShouldBe($"{i}");
            engine.Repo.Git("rev-parse", task.Branch!).ShouldBe(task.HeadCommit);
        }
        var gitDir = Path.Combine(engine.Repo.Path, ".git");
        Directory.EnumerateFiles(gitDir, "*.lock", SearchOption.AllDirectories).ShouldBeEmpty();
        foreach (var task in done)
        {
            // Each in a checkout with a git directory of its own, on its own branch.
            GitRepo.RunGit(task.WorktreePath!, "rev-parse", "--absolute-git-dir").ShouldBe(Path.Combine(task.WorktreePath!, ".git"));
            GitRepo.RunGit(task.WorktreePath!, "symbolic-ref", "HEAD").ShouldBe("refs/heads/" + task.Branch);
        }
        engine.Repo.Git("status", "--porcelain").ShouldBeEmpty();
    }
}
