using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.ClaudeCode;

public sealed class ClaudeCodeFeedbackTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Steer_SentWhileTheModelIsThinking_ReachesALaterRequestOfTheSameRun()
    {
        var script = Script.Create()
            .WhenAnyMessage("STEER-use-tabs").Say("Switching to tabs as asked.")
            .WhenToolResult("first-step").Delay(TimeSpan.FromSeconds(3)).CallTool("Bash", new { command = "echo second-step", description = "Second step" }).Once()
            .WhenToolResult("second-step").Say("Finished without hearing anything.")
            .WhenLastUser("Format the code").CallTool("Bash", new { command = "echo first-step", description = "First step" }).Once()
            .Build();
        await using var run = await ClaudeHarness.StartAsync(script);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);
        var steer = Task.Run(async () =>
        {
            // Request 2 is the one the server holds for three seconds: the steer arrives mid-turn.
            await run.Server.WaitForRequestsAsync(2, limit.Token);
            run.Feedback.ReleaseSteer("STEER-use-tabs, not spaces");
        }, limit.Token);

        var outcome = await run.RunAsync("Format the code in two steps.", limit.Token);
        await steer;

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        run.Feedback.Delivered.ShouldBe(["STEER-use-tabs, not spaces"]);
        var first = run.Server.Requests.First(r => r.Contains("STEER-use-tabs"));
        first.Number.ShouldBeGreaterThan(2, run.Story());
        // Mid-turn: the steer rides along with the result of the call that was in flight, not a turn of its own.
        first.LatestToolResults().ShouldContain(m => m.Contains("second-step"), run.Story());
        outcome.Summary.ShouldBe("Switching to tabs as asked.", run.Story());
    }

    [Fact]
    public async Task QueuedComment_WhenTheTurnEnds_RunsOneMoreTurnInsteadOfFinishing()
    {
        var script = Script.Create()
            .WhenLastUser("QUEUED-also-update-docs").Say("Docs updated too.")
            .WhenLastUser("Fix the typo").Say("Typo fixed.")
            .Build();
        await using var run = await ClaudeHarness.StartAsync(script);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);
        run.Feedback.Queue("QUEUED-also-update-docs");

        var outcome = await run.RunAsync("Fix the typo.", limit.Token);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe("Docs updated too.");
        run.Server.Requests.Count.ShouldBe(2, run.Story());
        run.Server.Requests[1].Contains("Fix the typo.").ShouldBeTrue();
    }

    [Fact]
    public async Task Resume_WithTheFirstRunsSessionId_ContinuesThatConversation()
    {
        var script = Script.Create()
            .When(RequestMatch.LastUserContains("What was the code word").And(RequestMatch.AnyMessageContains("PELICAN-42"))).Say("It was PELICAN-42.")
            .WhenLastUser("What was the code word").Say("I do not know.")
            .WhenLastUser("Remember the code word").Say("Noted.")
            .Build();
        await using var run = await ClaudeHarness.StartAsync(script);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var first = await run.RunAsync("Remember the code word PELICAN-42.", limit.Token);
        first.Succeeded.ShouldBeTrue(run.Story() + "\n" + first.Error);
        var second = await run.RunAsync("What was the code word?", limit.Token, resume: first.SessionId);

        second.Succeeded.ShouldBeTrue(run.Story() + "\n" + second.Error);
        second.Summary.ShouldBe("It was PELICAN-42.", run.Story());
        second.SessionId.ShouldBe(first.SessionId);
        run.Server.Requests[^1].Contains("Noted.").ShouldBeTrue();
    }
}
