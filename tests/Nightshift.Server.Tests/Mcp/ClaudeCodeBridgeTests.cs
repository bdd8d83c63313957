using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Client;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Bridge;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Mcp;

/// <summary>The real <c>claude</c> CLI, run by the engine in the real server, calls its run's bridge over MCP.</summary>
public sealed class ClaudeCodeBridgeTests
{
    [Fact]
    public async Task ClaudeCode_ReportsProgressPlanAndDecisionAndAsks_ThroughTheBridge_AndGetsTheAnswerInItsToolResult()
    {
        Requirements.Executable("claude", ClaudeCodeAgent.InstallHint);
        var script = Script.Create()
            .WhenLastUser("[bridge]").CallTool("mcp__nightshift__report_progress", new { percent = 40, line = "Outlined the notes" }).Once()
            .WhenToolResult("Recorded: 40%").CallTool("mcp__nightshift__update_plan", new { steps = new[] { new { step = "Outline", done = true }, new { step = "Write notes.txt", done = false } } }).Once()
            .WhenToolResult("Plan recorded").CallTool("mcp__nightshift__record_decision", new { decision = "Plain text notes", why = "no renderer in this repo" }).Once()
            .WhenToolResult("Decision recorded").CallTool("mcp__nightshift__ask_question", new { question = "Bullets or prose?" }).Once()
            .WhenToolResult("The developer answered").CallTool("Write", new { file_path = "notes.txt", content = "- first\n" }).Once()
            .WhenLastUser("[bridge]").Say("Wrote the notes as bullets.")
            .WhenToolResult("notes.txt").Say("Wrote the notes as bullets.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script, cancellationToken: TestContext.Current.CancellationToken);
        using var state = new TempDirectory("claude-state");
        await using var h = await StartAsync(model, state);
        await h.Client.RegisterProjectAsync(h.Repo.Path, TestContext.Current.CancellationToken);
        await using var control = await McpConnection.ConnectAsync(new Uri(h.Server.Url, "mcp"), h.Server.Token.Value);
        var (_, created) = await control.CallAsync("create_task", new()
        {
            ["spec"] = "---\nname: notes\nagent: claude-code\n---\n# Take notes\n\n[bridge] Report progress, ask how to format, then write notes.txt.\n",
        });
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetInt64();

        await h.WaitForAsync(id, "NeedsInput", seconds: 120);
        var (_, read) = await control.CallAsync("get_task", new() { ["task"] = "notes" });
        var task = JsonDocument.Parse(read).RootElement.GetProperty("task");
        task.GetProperty("progressPercent").GetInt32().ShouldBe(40);
        task.GetProperty("progressLine").GetString().ShouldBe("Outlined the notes");
        read.ShouldContain("question: Bullets or prose?");

        var card = (await h.Client.ListTasksAsync(cancellationToken: TestContext.Current.CancellationToken)).Single();
        (card.ProgressPercent, card.ProgressLine).ShouldBe((40, "Outlined the notes"));
        (await h.Client.GetTaskAsync("notes", TestContext.Current.CancellationToken)).Plan.ShouldBe([new PlanStepDto("Outline", true), new PlanStepDto("Write notes.txt", false)]);

        var (answerError, answered) = await control.CallAsync("answer_question", new() { ["task"] = "notes", ["text"] = "Use bullets." });
        answerError.ShouldBeFalse(answered);
        var done = await h.WaitForAsync(id, "InReview", seconds: 120);

        h.Repo.Git("show", $"{done.Branch}:notes.txt").ShouldBe("- first");
        model.Requests.ShouldContain(r => r.Contains("The developer answered: Use bullets."), "the answer came back in the ask_question tool result");
        var events = await h.Client.GetEventsAsync("notes", cancellationToken: TestContext.Current.CancellationToken);
        events.ShouldContain(e => e.Kind == "progress" && e.Message == "40% Outlined the notes");
        events.ShouldContain(e => e.Kind == "state" && e.Message.StartsWith("NeedsInput → Running"));
        events.ShouldContain(e => e.Kind == "decision" && e.Message == "Plain text notes — why: no renderer in this repo");
        // The token lives only in the agent's MCP config (owner-only, outside the worktree), never in the log.
        var config = Path.Combine(state.Path, $"task-{id}", "mcp.json");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(config).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        events.ShouldAllBe(e => !e.Message.Contains("nsr_"));
    }

    [Fact]
    public async Task AQuestionNotAnsweredInTime_ReturnsNoAnswerYet_AndTheAnswerBecomesTheSessionsNextTurn()
    {
        Requirements.Executable("claude", ClaudeCodeAgent.InstallHint);
        var script = Script.Create()
            .WhenLastUser("[late]").CallTool("mcp__nightshift__ask_question", new { question = "Which license?" }).Once()
            .WhenToolResult("No answer yet").Say("Waiting for the license answer.")
            .WhenLastUser("The developer answered your question").CallTool("Write", new { file_path = "LICENSE", content = "MIT\n" }).Once()
            .WhenToolResult("LICENSE").Say("Added the license.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script, cancellationToken: TestContext.Current.CancellationToken);
        using var state = new TempDirectory("claude-state");
        await using var h = await StartAsync(model, state);
        h.Server.Services.GetRequiredService<BridgeIssuer>().AnswerWait = TimeSpan.FromMilliseconds(500);
        await h.Client.RegisterProjectAsync(h.Repo.Path, TestContext.Current.CancellationToken);
        var added = await h.Client.AddTaskAsync(new AddTaskRequest(null, "---\nname: license\nagent: claude-code\n---\n# License\n\n[late] Ask which license, then add it.\n", "license.md"), TestContext.Current.CancellationToken);

        await h.WaitForAsync(added.Id, "NeedsInput", seconds: 120);
        await WaitUntilAsync(() => model.Requests.Any(r => r.Contains("No answer yet")));
        await h.Client.AnswerAsync("license", "MIT.", TestContext.Current.CancellationToken);
        var done = await h.WaitForAsync(added.Id, "InReview", seconds: 120);

        h.Repo.Git("show", $"{done.Branch}:LICENSE").ShouldBe("MIT");
        model.Requests.ShouldContain(r => r.Contains("The developer answered your question \"Which license?\": MIT."));
    }

    /// <summary>The real server whose Claude Code runtime talks to the scripted model.</summary>
    internal static Task<ServerHarness> StartAsync(ScriptedModelServer model, TempDirectory state) =>
        ServerHarness.StartAsync(services => services.AddSingleton(new ClaudeCodeOptions
        {
            ExecutablePath = AgentClis.Claude,
            StateRoot = state.Path,
            UserHome = TestUserHome.In(state.Path),
            Environment = new Dictionary<string, string>
            {
                ["ANTHROPIC_BASE_URL"] = model.AnthropicBaseUrl,
                ["ANTHROPIC_API_KEY"] = "sk-ant-scripted-dummy",
            },
        }));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        condition().ShouldBeTrue();
    }
}
