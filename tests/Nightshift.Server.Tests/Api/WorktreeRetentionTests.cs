using System.Globalization;
using Nightshift.Client;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

public sealed class WorktreeRetentionTests
{
    [Fact]
    public async Task MergedWorktrees_BeyondTheRetention_AreRemovedWithTheirBranches_NewestKept()
    {
        await using var h = await ServerHarness.StartAsync();
        h.Repo.WriteFile(".nightshift/project.yml", "keep_merged_worktrees: 1\n");
        h.Repo.CommitAll("retention");
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        var tasks = new List<TaskDetailDto>();
        for (var i = 1; i <= 3; i++)
        {
            var t = await h.Client.AddTaskAsync(new AddTaskRequest(null, $"---\ncommand: \"echo {i} > r{i}.txt\"\n---\n# Retain {i}\n\nWrite.\n", $"r{i}.md"));
            await h.WaitForAsync(t.Id, "InReview");
            (await h.Client.ApproveAsync(t.Id.ToString(CultureInfo.InvariantCulture))).State.ShouldBe("Merged");
        }
        for (var i = 1; i <= 3; i++)
        {
            tasks.Add(await h.Client.GetTaskAsync(i.ToString(CultureInfo.InvariantCulture)));
        }

        tasks[0].WorktreePath.ShouldBeNull();
        tasks[1].WorktreePath.ShouldBeNull();
        tasks[2].WorktreePath.ShouldNotBeNull();
        Directory.Exists(tasks[2].WorktreePath).ShouldBeTrue();
        var branches = h.Repo.Git("branch", "--format=%(refname:short)").Split('\n');
        branches.ShouldNotContain(tasks[0].Task.Branch!);
        branches.ShouldNotContain(tasks[1].Task.Branch!);
        branches.ShouldContain(tasks[2].Task.Branch!);
        Directory.GetParent(tasks[2].WorktreePath!)!.EnumerateDirectories().Select(d => d.FullName).ShouldBe([tasks[2].WorktreePath]);
        (await h.Client.GetDiffAsync("1")).ShouldContain("+1");
    }
}
