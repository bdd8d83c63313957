using Nightshift.Core.Agents;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Codex;

public sealed class CodexAgentTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_WritesAFileAndRunsACommand_ThenSucceedsWithTheFinalText()
    {
        var script = Script.Create()
            .WhenToolResult("appended-line").Say("Wrote hello.txt and appended a line.")
            .WhenToolResult("wrote-hello").CallTool("exec_command", new { cmd = "echo appended-line >> hello.txt && cat hello.txt" }).Once()
            .WhenLastUser("Create hello.txt").CallTool("exec_command", new { cmd = "printf 'hello from codex\\n' > hello.txt && echo wrote-hello" }).Once()
            .Build();
        await using var run = await CodexHarness.StartAsync(script);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var outcome = await run.RunAsync("Create hello.txt, then append a line with a shell command.", limit.Token);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe("Wrote hello.txt and appended a line.");
        outcome.SessionId.ShouldNotBeNullOrEmpty();
        run.Read("hello.txt").ShouldBe("hello from codex\nappended-line\n");
        var events = run.Events;
        events.ShouldContain(e => e.Kind == AgentEventKind.ToolCall && e.Text.Contains("echo appended-line", StringComparison.Ordinal));
        events.ShouldContain(e => e.Kind == AgentEventKind.ToolResult && e.Text.Contains("appended-line", StringComparison.Ordinal));
        events.ShouldContain(e => e.Kind == AgentEventKind.Message && e.Text == "Wrote hello.txt and appended a line.");
        events.ShouldContain(e => e.Kind == AgentEventKind.Session && e.Text == outcome.SessionId);
        events.Where(e => e.Kind == AgentEventKind.Usage).Sum(e => e.InputTokens).ShouldBeGreaterThan(0, run.Story());
    }

    [Fact]
    public async Task Run_WhenTheModelRefusesTheRequest_FailsWithTheApiError()
    {
        await using var run = await CodexHarness.StartAsync(Script.Create().WhenLastUser("something else entirely").Say("unused").Build());
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var outcome = await run.RunAsync("A prompt no rule answers.", limit.Token);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Cancelled.ShouldBeFalse();
        outcome.Error.ShouldNotBeNull();
        outcome.Error.ShouldContain("No script rule matched", Case.Sensitive, run.Story());
    }
}
