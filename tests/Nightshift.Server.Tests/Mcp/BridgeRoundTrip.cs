using System.Text.Json;
using Nightshift.Client;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Mcp;

/// <summary>
/// One task through a real agent CLI and its run's bridge: the agent reports 40% "Outlined the
/// notes", records its plan and a decision, asks "Bullets or prose?", and once answered writes
/// notes.txt ("- first"). <see cref="BridgeCalls"/> scripts the bridge part in the agent's own
/// tool names, each test adds its agent's write; this drives the server side and checks what the
/// developer and the model see.
/// </summary>
internal static class BridgeRoundTrip
{
    public const string Percent = "40";
    public const string Line = "Outlined the notes";
    public const string Question = "Bullets or prose?";

    /// <summary>What the scripted model finds in the ask_question result once the developer answered.</summary>
    public const string AnswerInToolResult = "The developer answered: Use bullets.";

    /// <summary>
    /// The model's bridge calls, up to the question, named as the agent offers the bridge's tools
    /// (<paramref name="toolPrefix"/> plus the tool's name); the test adds what follows the answer.
    /// </summary>
    public static RuleBuilder BridgeCalls(string toolPrefix) => Script.Create()
        .WhenLastUser("[bridge]").CallTool(toolPrefix + "report_progress", new { percent = 40, line = Line }).Once()
        .WhenToolResult("Recorded: 40%").CallTool(toolPrefix + "update_plan", new { steps = new[] { new { step = "Outline", done = true }, new { step = "Write notes.txt", done = false } } }).Once()
        .WhenToolResult("Plan recorded").CallTool(toolPrefix + "record_decision", new { decision = "Plain text notes", why = "no renderer in this repo" }).Once()
        .WhenToolResult("Decision recorded").CallTool(toolPrefix + "ask_question", new { question = Question }).Once();

    /// <summary>Adds the task with <paramref name="frontMatter"/> (the spec's agent and model lines) and follows it to review.</summary>
    public static async Task RunAsync(ServerHarness h, ScriptedModelServer model, string frontMatter)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await h.Client.RegisterProjectAsync(h.Repo.Path, cancellationToken);
        await using var control = await McpConnection.ConnectAsync(new Uri(h.Server.Url, "mcp"), h.Server.Token.Value);
        var (_, created) = await control.CallAsync("create_task", new()
        {
            ["spec"] = $"---\nname: notes\n{frontMatter}\n---\n# Take notes\n\n[bridge] Report progress, ask how to format the notes, then write notes.txt.\n",
        });
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetInt64();

        await h.WaitForAsync(id, "NeedsInput", seconds: 120);
        var (_, read) = await control.CallAsync("get_task", new() { ["task"] = "notes" });
        var task = JsonDocument.Parse(read).RootElement.GetProperty("task");
        task.GetProperty("progressPercent").GetInt32().ShouldBe(40);
        task.GetProperty("progressLine").GetString().ShouldBe(Line);
        read.ShouldContain($"question: {Question}");
        var card = (await h.Client.ListTasksAsync(cancellationToken: cancellationToken)).Single();
        (card.ProgressPercent, card.ProgressLine).ShouldBe((40, Line));
        (await h.Client.GetTaskAsync("notes", cancellationToken)).Plan.ShouldBe([new PlanStepDto("Outline", true), new PlanStepDto("Write notes.txt", false)]);

        await h.Client.AnswerAsync("notes", "Use bullets.", cancellationToken);
        var done = await h.WaitForAsync(id, "InReview", seconds: 120);

        h.Repo.Git("show", $"{done.Branch}:notes.txt").ShouldBe("- first");
        model.Requests.ShouldContain(
            r => r.Messages.Any(m => m.Role == "tool" && m.Text.Contains(AnswerInToolResult, StringComparison.Ordinal)),
            "the answer came back in the result of the agent's ask_question call");
        var events = await h.Client.GetEventsAsync("notes", cancellationToken: cancellationToken);
        events.ShouldContain(e => e.Kind == "progress" && e.Message == $"{Percent}% {Line}");
        events.ShouldContain(e => e.Kind == "state" && e.Message.StartsWith("NeedsInput → Running", StringComparison.Ordinal));
        events.ShouldContain(e => e.Kind == "decision" && e.Message == "Plain text notes — why: no renderer in this repo");
        // The run's token lives only in the agent's configuration or environment, never in the log.
        events.ShouldAllBe(e => !e.Message.Contains("nsr_", StringComparison.Ordinal));
    }
}
