using Nightshift.Core.Agents;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.ClaudeCode;

public sealed class ClaudeCodeAgentTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_WritesAFileAndRunsACommand_ThenSucceedsWithTheFinalText()
    {
        var file = "hello.txt";
        var script = Script.Create()
            .WhenToolResult("appended-line").Say("Wrote hello.txt and appended a line.")
            .WhenLastUser("Create hello.txt").CallTool("Write", new { file_path = file, content = "hello from claude\n" }).Once()
            .WhenLastUser("Create hello.txt").CallTool("Bash", new { command = "echo appended-line >> hello.txt && cat hello.txt", description = "Append a line" }).Once()
            .Build();
        await using var run = await ClaudeHarness.StartAsync(script);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var outcome = await run.RunAsync("Create hello.txt, then append a line with a shell command.", limit.Token);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe("Wrote hello.txt and appended a line.");
        outcome.SessionId.ShouldNotBeNullOrEmpty();
        run.Read("hello.txt").ShouldBe("hello from claude\nappended-line\n");
        var events = run.Events;
        events.ShouldContain(e => e.Kind == AgentEventKind.ToolCall && e.Text.StartsWith("Write", StringComparison.Ordinal));
        events.ShouldContain(e => e.Kind == AgentEventKind.ToolCall && e.Text.Contains("echo appended-line", StringComparison.Ordinal));
        events.ShouldContain(e => e.Kind == AgentEventKind.ToolResult && e.Text.Contains("appended-line", StringComparison.Ordinal));
        events.ShouldContain(e => e.Kind == AgentEventKind.Message && e.Text == "Wrote hello.txt and appended a line.");
        events.ShouldContain(e => e.Kind == AgentEventKind.Session && e.Text == outcome.SessionId);
        events.Where(e => e.Kind == AgentEventKind.Usage).Sum(e => e.InputTokens).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Run_WhenTheModelRefusesTheRequest_FailsWithTheApiError()
    {
        await using var run = await ClaudeHarness.StartAsync(Script.Create().WhenLastUser("something else entirely").Say("unused").Build());
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var outcome = await run.RunAsync("A prompt no rule answers.", limit.Token);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Cancelled.ShouldBeFalse();
        outcome.Error.ShouldNotBeNull();
        outcome.Error.ShouldContain("No script rule matched", Case.Sensitive, run.Story());
    }

    [Fact]
    public async Task Run_WhenTheModelCallsAToolThatWouldAskForPermission_TheCallIsRefusedAtOnceAndTheRunGoesOn()
    {
        // WebFetch is neither pre-allowed nor an edit in the worktree: it would ask. Unattended, nobody
        // answers, so it must be refused at once (on every supported version) rather than hang the run.
        var script = Script.Create()
            .WhenLastUser("Fetch the page").CallTool("WebFetch", new { url = "https://example.invalid/", prompt = "Summarise the page" }).Once()
            .Always().Say("The fetch was refused; nothing to report.")
            .Build();
        await using var run = await ClaudeHarness.StartAsync(script);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var outcome = await run.RunAsync("Fetch the page at example.invalid and summarise it.", limit.Token);

        outcome.Cancelled.ShouldBeFalse(run.Story());
        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe("The fetch was refused; nothing to report.");
        run.Events.ShouldContain(e => e.Kind == AgentEventKind.ToolCall && e.Text.StartsWith("WebFetch", StringComparison.Ordinal), run.Story());
    }
}
