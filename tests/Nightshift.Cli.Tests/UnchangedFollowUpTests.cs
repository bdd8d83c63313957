using Nightshift.Client;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>A follow-up run that ignored the requested change is told where the reviewer looks, not left to look like the change.</summary>
public sealed class UnchangedFollowUpTests
{
    [Fact]
    public async Task AFollowUpThatChangedNothing_IsToldInTheReviewBundle_TheReviewCommand_AndTheInbox()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        await using var server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(home.Path),
            Port = 0,
            Worker = new WorkerOptions { NodeId = "follow", Concurrency = 1, PollInterval = TimeSpan.FromMilliseconds(100) },
        });
        using var client = server.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        await client.RegisterProjectAsync(repo.Path, ct);
        // Writes its file once; asked again, it finds the file there and does nothing.
        var task = await client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"test -f done.txt || echo one > done.txt\"\n---\n# Once\n\nWrite done.txt.\n", "once.md"), ct);
        var id = task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await InProcessCli.WaitUntilAsync(async () => (await client.GetTaskAsync(id, ct)).Task.State == "InReview");
        var first = await client.GetReviewAsync(id, ct);
        first.UnchangedFollowUpRun.ShouldBeNull();
        first.Detail.Runs.ShouldHaveSingleItem().ChangedNothing.ShouldBeFalse();

        await client.RejectAsync(id, "Write two, not one.", ct);
        await InProcessCli.WaitUntilAsync(async () => (await client.GetTaskAsync(id, ct)) is { Task.State: "InReview", Runs.Count: 2 });

        const string Notice = "changes were requested, but the follow-up run (run 2) changed nothing: the diff is the one already reviewed";
        var review = await client.GetReviewAsync(id, ct);
        review.UnchangedFollowUpRun.ShouldBe(2);
        review.Detail.Runs.Single(r => r.Attempt == 2).ChangedNothing.ShouldBeTrue();
        review.Flags.ShouldContain(Notice);
        (await InProcessCli.RunAsync(home, "review", id)).Out.ShouldContain($"Flag: {Notice}");
        (await client.GetInboxAsync(ct)).Single(i => i.Task.Id == task.Id).Summary.ShouldBe(Notice);
    }
}
