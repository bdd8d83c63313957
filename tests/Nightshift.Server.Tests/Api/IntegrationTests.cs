using Nightshift.Client;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

public sealed class IntegrationTests
{
    [Fact]
    public async Task AConflict_BecomesAnIntegrationRun_ThatResolvesIt_AndMerges()
    {
        await using var h = await ServerHarness.StartAsync();
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        var first = await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"echo first > shared.txt\"\n---\n# First\n\nWrite shared.txt.\n", "a.md"));
        // The second agent resolves conflict markers when it finds them, like an agent would.
        var second = await h.Client.AddTaskAsync(new AddTaskRequest(null,
            "---\ncommand: \"if grep -q '^<<<<<<<' shared.txt 2>/dev/null; then echo 'first and second' > shared.txt; else echo second > shared.txt; fi\"\n---\n# Second\n\nWrite shared.txt too.\n", "b.md"));
        await h.WaitForAsync(first.Id, "InReview");
        await h.WaitForAsync(second.Id, "InReview");
        (await h.Client.ApproveAsync("1")).State.ShouldBe("Merged");

        var conflicted = await h.Client.ApproveAsync("2");
        conflicted.State.ShouldBe("Conflict");
        conflicted.StateReason.ShouldBe("conflicts with main in: shared.txt");

        var queued = await h.Client.IntegrateAsync("2");
        queued.State.ShouldBeOneOf("Queued", "Running", "Verifying", "InReview");
        await h.WaitForAsync(second.Id, "InReview");
        var detail = await h.Client.GetTaskAsync("2");
        detail.Checks.ShouldContain(c => c.Contains("<<<<<<<"));
        var lastRun = detail.Runs[detail.Runs.Count - 1].Id;
        detail.Comments.ShouldContain(c => c.Author == "nightshift" && c.Body.Contains("shared.txt") && c.DeliveredToRunId == lastRun);

        var merged = await h.Client.ApproveAsync("2");
        merged.State.ShouldBe("Merged");
        h.Repo.Git("show", "main:shared.txt").ShouldBe("first and second");
        var firstMerge = (await h.Client.GetTaskAsync("1")).Task.MergedCommit!;
        Should.NotThrow(() => h.Repo.Git("merge-base", "--is-ancestor", firstMerge, "main"));
    }

    [Fact]
    public async Task Integrate_OfATaskNotInConflict_IsRefused()
    {
        await using var h = await ServerHarness.StartAsync();
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        var t = await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"true\"\n---\n# Nothing\n\nNo-op.\n", "n.md"));
        await h.WaitForAsync(t.Id, "InReview");

        var ex = await Should.ThrowAsync<NightshiftApiException>(() => h.Client.IntegrateAsync("1"));

        ex.Code.ShouldBe("invalid_transition");
    }
}
