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
            .WhenToolResult("hello.txt").CallTool("exec_command", new { cmd = "echo appended-line >> hello.txt && cat hello.txt" }).Once()
            // Codex takes apply_patch run as a command for a file edit of its own.
            .WhenLastUser("Create hello.txt").CallTool("exec_command", new { cmd = AddFile("hello.txt", "hello from codex") }).Once()
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
        events.ShouldContain(e => e.Kind == AgentEventKind.ToolCall && e.Text.StartsWith("edit: ", StringComparison.Ordinal) && e.Text.EndsWith("hello.txt", StringComparison.Ordinal), run.Story());
        events.ShouldContain(e => e.Kind == AgentEventKind.ToolCall && e.Text.Contains("echo appended-line", StringComparison.Ordinal));
        events.ShouldContain(e => e.Kind == AgentEventKind.ToolResult && e.Text.Contains("appended-line", StringComparison.Ordinal));
        events.ShouldContain(e => e.Kind == AgentEventKind.Message && e.Text == "Wrote hello.txt and appended a line.");
        events.ShouldContain(e => e.Kind == AgentEventKind.Session && e.Text == outcome.SessionId);
        events.Where(e => e.Kind == AgentEventKind.Usage).Sum(e => e.InputTokens).ShouldBeGreaterThan(0, run.Story());
    }

    [Fact]
    public async Task Sandbox_LetsCommandsWriteTheWorktree_ButNotItsGitDirectory()
    {
        var script = Script.Create()
            .WhenToolResult("probe-done").Say("Probed.")
            .WhenLastUser("Probe").CallTool("exec_command", new { cmd = "echo in > inside.txt; touch .git/agent-was-here; echo git-exit=$?; echo probe-done" }).Once()
            .Build();
        await using var run = await CodexHarness.StartAsync(script);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var outcome = await run.RunAsync("Probe the sandbox.", limit.Token);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        run.Read("inside.txt").ShouldBe("in\n");
        File.Exists(Path.Combine(run.Worktree.Path, ".git", "agent-was-here")).ShouldBeFalse(run.Story());
        run.Events.ShouldContain(e => e.Kind == AgentEventKind.ToolResult && e.Text.Contains("git-exit=1", StringComparison.Ordinal), run.Story());
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

    /// <summary>An apply_patch command that adds a file of one line.</summary>
    internal static string AddFile(string path, string line) =>
        $"apply_patch <<'PATCH'\n*** Begin Patch\n*** Add File: {path}\n+{line}\n*** End Patch\nPATCH";
}
