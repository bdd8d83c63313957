using System.Globalization;
using Nightshift.Client;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

public sealed class ConcurrentApprovalTests
{
    [Fact]
    public async Task TwentyApprovalsAtOnce_AllLand_AndTheUsersCheckoutStaysCleanAndCurrent()
    {
        await using var h = await ServerHarness.StartAsync();
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        // The user's own uncommitted work in their checkout of main: it must survive every merge.
        h.Repo.WriteFile("notes-in-progress.txt", "my unsaved thoughts\n");
        var tasks = new List<TaskDto>();
        for (var i = 0; i < 20; i++)
        {
            tasks.Add(await h.Client.AddTaskAsync(new AddTaskRequest(null, $"---\ncommand: \"echo {i} > file-{i}.txt\"\n---\n# File {i}\n\nWrite file {i}.\n", $"t{i}.md")));
        }
        var heads = new Dictionary<long, string>();
        foreach (var t in tasks)
        {
            heads[t.Id] = (await h.WaitForAsync(t.Id, "InReview", seconds: 120)).HeadCommit!;
        }

        var results = await Task.WhenAll(tasks.Select(t => h.Client.ApproveAsync(t.Id.ToString(CultureInfo.InvariantCulture))));

        results.ShouldAllBe(r => r.State == "Merged");
        foreach (var (id, head) in heads)
        {
            // Every approved head is in main's history: no merge lost another's commit.
            Should.NotThrow(() => h.Repo.Git("merge-base", "--is-ancestor", head, "main"), $"task {id}'s head {head} is not in main");
        }
        for (var i = 0; i < 20; i++)
        {
            h.Repo.Git("show", $"main:file-{i}.txt").ShouldBe(i.ToString(CultureInfo.InvariantCulture));
            File.Exists(Path.Combine(h.Repo.Path, $"file-{i}.txt")).ShouldBeTrue();
        }
        h.Repo.Git("status", "--porcelain").ShouldBe("?? notes-in-progress.txt");
        File.ReadAllText(Path.Combine(h.Repo.Path, "notes-in-progress.txt")).ShouldBe("my unsaved thoughts\n");
        h.Repo.Git("rev-parse", "HEAD").ShouldBe(h.Repo.Git("rev-parse", "main"));
    }
}
