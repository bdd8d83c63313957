using Nightshift.Client;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

public sealed class MergeGateTests
{
    [Fact]
    public async Task AMergeResultThatFailsTheProjectChecks_IsNotMerged_AndTheReasonIsShown()
    {
        await using var h = await ServerHarness.StartAsync();
        // Each task alone passes; together they break the rule "a.txt and b.txt never both exist".
        h.Repo.WriteFile(".nightshift/project.yml", "checks:\n  - \"! ( test -f a.txt && test -f b.txt )\"\n");
        h.Repo.CommitAll("project checks");
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        var a = await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"echo a > a.txt\"\n---\n# Add a\n\nA.\n", "a.md"));
        var b = await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"echo b > b.txt\"\n---\n# Add b\n\nB.\n", "b.md"));
        await h.WaitForAsync(a.Id, "InReview");
        await h.WaitForAsync(b.Id, "InReview");

        (await h.Client.ApproveAsync("1")).State.ShouldBe("Merged");
        var mainBefore = h.Repo.Git("rev-parse", "main");
        var refused = await h.Client.ApproveAsync("2");

        refused.State.ShouldBe("Conflict");
        refused.StateReason!.ShouldStartWith("the test gate failed on the merge result");
        refused.StateReason.ShouldContain("main did not move");
        h.Repo.Git("rev-parse", "main").ShouldBe(mainBefore);
        var events = await h.Client.GetEventsAsync("2");
        events.ShouldContain(e => e.Kind == "check" && e.Message.StartsWith("gate FAILED"));
        (await h.Client.GetInboxAsync()).ShouldContain(i => i.Task.Id == b.Id && i.Kind == "conflict");
    }
}
