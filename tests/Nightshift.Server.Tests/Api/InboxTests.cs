using Nightshift.Client;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

public sealed class InboxTests
{
    [Fact]
    public async Task TheInbox_ListsFailuresBeforeReviews_EachWithTheCommandThatActsOnIt()
    {
        await using var h = await ServerHarness.StartAsync();
        await h.Client.RegisterProjectAsync(h.Repo.Path);
        var ok = await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"echo ok > ok.txt\"\n---\n# Works\n\nWork.\n", "ok.md"));
        var bad = await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"exit 4\"\nmax_retries: 0\n---\n# Breaks\n\nBreak.\n", "bad.md"));
        await h.WaitForAsync(ok.Id, "InReview");
        await h.WaitForAsync(bad.Id, "Failed");
        (await h.Client.ListTasksAsync("Queued")).ShouldBeEmpty();

        var inbox = await h.Client.GetInboxAsync();

        inbox.Select(i => (i.Task.Id, i.Kind)).ShouldBe([(bad.Id, "failed"), (ok.Id, "review")]);
        inbox[0].Summary.ShouldContain("exited with code 4");
        inbox[0].Action.ShouldBe($"nightshift logs {bad.Id}   then   nightshift retry {bad.Id}");
        inbox[1].Action.ShouldContain($"nightshift approve {ok.Id}");

        await h.Client.ApproveAsync(ok.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await h.Client.CancelAsync(bad.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await h.Client.GetInboxAsync()).ShouldBeEmpty();
    }
}
