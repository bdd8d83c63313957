using Nightshift.Core.Agents;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Gemini;

public sealed class GeminiAgentTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_WritesAFileAndRunsACommand_ReportingEachStepAndTheSession()
    {
        var script = Script.Create()
            .WhenToolResult("ran-check").Say("Wrote notes.txt and checked it.")
            .WhenLastUser("[gm]").CallTool("write_file", new { file_path = "notes.txt", content = "first\n" }).Once()
            .WhenLastUser("[gm]").CallTool("run_shell_command", new { command = "echo ran-check && cat notes.txt", description = "Check the notes" }).Once()
            .Build();
        await using var run = await GeminiHarness.StartAsync(script);
        using var limit = Limit();

        var outcome = await run.RunAsync("[gm] Create notes.txt with one line, then check it with a command.", limit.Token);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe("Wrote notes.txt and checked it.");
        outcome.SessionId.ShouldNotBeNullOrEmpty();
        run.Read("notes.txt").ShouldBe("first\n");
        var events = run.Events;
        events.ShouldContain(e => e.Kind == AgentEventKind.Session && e.Text == outcome.SessionId);
        events.ShouldContain(e => e.Kind == AgentEventKind.ToolCall && e.Text == "write_file: notes.txt", run.Story());
        events.ShouldContain(e => e.Kind == AgentEventKind.ToolCall && e.Text.StartsWith("run_shell_command: echo ran-check", StringComparison.Ordinal), run.Story());
        events.ShouldContain(e => e.Kind == AgentEventKind.ToolResult && e.Text.Contains("ran-check"), run.Story());
        events.ShouldContain(e => e.Kind == AgentEventKind.Usage && e.InputTokens > 0);
    }

    [Fact]
    public async Task QueuedComment_WhenTheTurnEnds_BecomesTheNextTurnOfTheSameSession()
    {
        var script = Script.Create()
            .WhenLastUser("QUEUED-also-update-docs").Say("Docs updated too.")
            .WhenLastUser("Fix the typo").Say("Typo fixed.")
            .Build();
        await using var run = await GeminiHarness.StartAsync(script);
        using var limit = Limit();
        run.Feedback.Queue("QUEUED-also-update-docs");

        var outcome = await run.RunAsync("Fix the typo.", limit.Token);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe("Docs updated too.");
        run.Feedback.Delivered.ShouldBe(["QUEUED-also-update-docs"]);
        run.Server.Requests.Count.ShouldBe(2, run.Story());
        // The second turn resumed the session: the first turn's exchange is in its request.
        run.Server.Requests[1].Contains("Typo fixed.").ShouldBeTrue(run.Story());
    }

    [Fact]
    public async Task Steer_WhileATurnRuns_IsDeliveredAtTheTurnBoundaryAsTheNextTurn()
    {
        var script = Script.Create()
            .WhenLastUser("STEER-use-tabs").Say("Switched to tabs.")
            .WhenLastUser("Format the code").Delay(TimeSpan.FromSeconds(2)).Say("Formatted.")
            .Build();
        await using var run = await GeminiHarness.StartAsync(script);
        using var limit = Limit();
        var steer = Task.Run(async () =>
        {
            await run.Server.WaitForRequestsAsync(1, limit.Token);
            run.Feedback.ReleaseSteer("STEER-use-tabs, not spaces");
        }, limit.Token);

        var outcome = await run.RunAsync("Format the code.", limit.Token);
        await steer;

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe("Switched to tabs.", run.Story());
        run.Feedback.Delivered.ShouldBe(["STEER-use-tabs, not spaces"]);
        run.Server.Requests.Count.ShouldBe(2, run.Story());
        run.Server.Requests[0].Contains("STEER").ShouldBeFalse();
    }

    [Fact]
    public async Task Resume_WithTheFirstRunsSessionId_ContinuesThatConversation()
    {
        var script = Script.Create()
            .When(RequestMatch.LastUserContains("What was the code word").And(RequestMatch.AnyMessageContains("PELICAN-42"))).Say("It was PELICAN-42.")
            .WhenLastUser("What was the code word").Say("I do not know.")
            .WhenLastUser("Remember the code word").Say("Noted.")
            .Build();
        await using var run = await GeminiHarness.StartAsync(script);
        using var limit = Limit();

        var first = await run.RunAsync("Remember the code word PELICAN-42.", limit.Token);
        first.Succeeded.ShouldBeTrue(run.Story() + "\n" + first.Error);
        var second = await run.RunAsync("What was the code word?", limit.Token, resume: first.SessionId);

        second.Succeeded.ShouldBeTrue(run.Story() + "\n" + second.Error);
        second.Summary.ShouldBe("It was PELICAN-42.", run.Story());
        second.SessionId.ShouldBe(first.SessionId);
    }

    [Fact]
    public async Task Bridge_IsAnMcpServerInTheTasksOwnSettings_AndItsTokenIsOnlyThere()
    {
        var script = Script.Create().Always().Say("Done.").Build();
        await using var run = await GeminiHarness.StartAsync(script);
        using var limit = Limit();
        var bridge = new AgentBridgeEndpoint(new Uri("http://127.0.0.1:9/mcp/runs/1"), "secret-bridge-token");

        var outcome = await run.RunAsync("Say done.", limit.Token, bridge: bridge);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        // On the user's configuration the CLI's home is the task's own Gemini home, not the user's .gemini.
        var settings = Path.Combine(run.StatePath, "task-7", "gemini-home", ".gemini", "settings.json");
        var text = await File.ReadAllTextAsync(settings, limit.Token);
        text.ShouldContain("\"httpUrl\": \"http://127.0.0.1:9/mcp/runs/1\"");
        text.ShouldContain("Bearer secret-bridge-token");
        // A question is held by the bridge for up to LongestCall: the CLI waits longer for a tool call.
        text.ShouldContain($"\"timeout\": {(long)AgentBridgeEndpoint.ToolCallTimeout.TotalMilliseconds}");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(settings).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        run.Events.ShouldNotContain(e => e.Text.Contains("secret-bridge-token"));
    }

    private static CancellationTokenSource Limit()
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);
        return limit;
    }
}
