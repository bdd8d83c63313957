using Nightshift.Client;
using Nightshift.Core.Comments;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>Feedback to an agent that cannot take it in its run says so when given, and what it never got is shown in review and the inbox.</summary>
public sealed class FollowUpOnlyFeedbackTests
{
    [Fact]
    public async Task FeedbackToARunningCommand_SaysItWaitsForAFollowUp_AndTheReviewAndInboxShowWhatNeverArrived()
    {
        using var home = new TempDirectory("home");
        using var gate = new TempDirectory("gate");
        using var repo = GitRepo.Create();
        var open = Path.Combine(gate.Path, "open");
        var started = Path.Combine(gate.Path, "started");
        await using var server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(home.Path),
            Port = 0,
            Worker = new WorkerOptions { NodeId = "cli-follow-up", PollInterval = TimeSpan.FromMilliseconds(100) },
        });
        using var client = server.CreateClient();
        await client.RegisterProjectAsync(repo.Path);
        var spec = $"---\nagent: command\ncommand: touch {started}; for i in $(seq 1800); do test -e {open} && break; sleep 0.1; done; echo done > out.txt\n---\n# Wait for the gate\n\nWork.\n";
        (await InProcessCli.RunAsync(home, "add", "-m", spec)).Exit.ShouldBe(0);
        // The command itself has started, not only the run: feedback given while the run is still
        // being set up goes into the run's prompt, and so does reach it.
        await InProcessCli.WaitUntilAsync(() => Task.FromResult(File.Exists(started)));

        var comment = await InProcessCli.RunAsync(home, "comment", "1", "Use tabs.");
        comment.Exit.ShouldBe(0, comment.Err);
        comment.Out.ShouldContain(FeedbackReach.FollowUpOnly);
        var steer = await InProcessCli.RunAsync(home, "steer", "1", "Stop and use spaces.");
        steer.Exit.ShouldBe(0, steer.Err);
        steer.Out.ShouldContain(FeedbackReach.FollowUpOnly);
        var api = await client.AddCommentAsync("1", new AddCommentRequest("And name it out.txt."), TestContext.Current.CancellationToken);
        api.Notice.ShouldBe(FeedbackReach.FollowUpOnly);

        await File.WriteAllTextAsync(open, string.Empty, TestContext.Current.CancellationToken);
        await InProcessCli.WaitUntilAsync(async () => (await InProcessCli.RunAsync(home, "ls", "--state", "InReview")).Out.Length > 0);

        var review = await InProcessCli.RunAsync(home, "review", "1");
        review.Out.ShouldContain("never reached the agent: \"Use tabs.\"");
        review.Out.ShouldContain("never reached the agent: \"Stop and use spaces.\"");
        (await client.GetReviewAsync("1", TestContext.Current.CancellationToken)).Flags.Count(f => f.Contains("never reached the agent", StringComparison.Ordinal)).ShouldBe(3);
        (await InProcessCli.RunAsync(home, "inbox")).Out.ShouldContain("3 comments never reached the agent");
    }
}
