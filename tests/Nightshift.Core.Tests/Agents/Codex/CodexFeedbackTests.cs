using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Codex;

public sealed class CodexFeedbackTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Steer_SentWhileTheModelIsThinking_GoesIntoTheNextRequestOfTheSameTurn()
    {
        var script = Script.Create()
            .WhenAnyMessage("STEER-use-tabs").Say("Switching to tabs as asked.")
            .WhenToolResult("first-step").Delay(TimeSpan.FromSeconds(3)).CallTool("exec_command", new { cmd = "echo second-step" }).Once()
            .WhenToolResult("second-step").Say("Finished without hearing anything.")
            .WhenLastUser("Format the code").CallTool("exec_command", new { cmd = "echo first-step" }).Once()
            .Build();
        await using var run = await CodexHarness.StartAsync(script);
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
        // Mid-turn: the steer is in the very next request after the one in flight, after this turn's
        // tool results. Depending on timing, Codex drops the reply it was waiting for and asks again
        // at once, or lets that reply finish and runs its call first; either way the turn goes on.
        first.Number.ShouldBe(3, run.Story());
        first.LastMessage!.Role.ShouldBe("user");
        first.LastMessage.Contains("STEER-use-tabs").ShouldBeTrue();
        first.LatestToolResults().ShouldNotBeEmpty(run.Story());
        first.Contains("Format the code in two steps.").ShouldBeTrue();
        outcome.Summary.ShouldBe("Switching to tabs as asked.", run.Story());
    }

    [Fact]
    public async Task QueuedComment_WhenTheTurnEnds_RunsOneMoreTurnInsteadOfFinishing()
    {
        var script = Script.Create()
            .WhenLastUser("QUEUED-also-update-docs").Say("Docs updated too.")
            .WhenLastUser("Fix the typo").Say("Typo fixed.")
            .Build();
        await using var run = await CodexHarness.StartAsync(script);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);
        run.Feedback.Queue("QUEUED-also-update-docs");

        var outcome = await run.RunAsync("Fix the typo.", limit.Token);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe("Docs updated too.");
        run.Server.Requests.Count.ShouldBe(2, run.Story());
        run.Server.Requests[1].Contains("Fix the typo.").ShouldBeTrue();
        run.Server.Requests[1].Contains("Typo fixed.").ShouldBeTrue();
    }

    [Fact]
    public async Task Resume_WithTheFirstRunsSessionId_ContinuesThatConversation()
    {
        var script = Script.Create()
            .When(RequestMatch.LastUserContains("What was the code word").And(RequestMatch.AnyMessageContains("PELICAN-42"))).Say("It was PELICAN-42.")
            .WhenLastUser("What was the code word").Say("I do not know.")
            .WhenLastUser("Remember the code word").Say("Noted.")
            .Build();
        await using var run = await CodexHarness.StartAsync(script);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var first = await run.RunAsync("Remember the code word PELICAN-42.", limit.Token);
        first.Succeeded.ShouldBeTrue(run.Story() + "\n" + first.Error);
        var usedByFirst = run.Events.Sum(e => e.InputTokens);
        var second = await run.RunAsync("What was the code word?", limit.Token, resume: first.SessionId);

        second.Succeeded.ShouldBeTrue(run.Story() + "\n" + second.Error);
        second.Summary.ShouldBe("It was PELICAN-42.", run.Story());
        second.SessionId.ShouldBe(first.SessionId);
        run.Server.Requests[^1].Contains("Noted.").ShouldBeTrue();
        // The resumed thread's earlier spending is not counted again.
        var usedBySecond = run.Events.Sum(e => e.InputTokens) - usedByFirst;
        usedBySecond.ShouldBeGreaterThan(0, run.Story());
        usedBySecond.ShouldBe(run.Server.Requests[^1].BodyJson.Length / 4, run.Story());
    }

    [Fact]
    public async Task Resume_OfAThreadThatIsGone_StartsANewOneInstead()
    {
        await using var run = await CodexHarness.StartAsync(Script.Create().WhenLastUser("Carry on").Say("Started afresh.").Build());
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);
        const string Gone = "01a218c2-0000-7000-8000-000000000000";

        var outcome = await run.RunAsync("Carry on with the task.", limit.Token, resume: Gone);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe("Started afresh.");
        outcome.SessionId.ShouldNotBeNullOrEmpty();
        outcome.SessionId.ShouldNotBe(Gone);
        run.Events.ShouldContain(e => e.Text.Contains($"could not resume thread {Gone}", StringComparison.Ordinal), run.Story());
    }
}
