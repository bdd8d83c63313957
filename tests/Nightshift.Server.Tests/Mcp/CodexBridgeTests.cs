using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.Codex;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Mcp;

/// <summary>
/// The real <c>codex</c> CLI (<c>codex app-server</c>), run by the engine in the real server
/// against the scripted Responses API, calls its run's bridge over MCP. Codex offers MCP tools
/// inside a namespace; the scripted model adds it to the calls it makes.
/// </summary>
public sealed class CodexBridgeTests
{
    private const string ApiKeyVariable = "NIGHTSHIFT_TEST_CODEX_KEY";

    [Fact]
    public async Task Codex_ReportsProgressAndAsks_ThroughTheBridge_AndGetsTheAnswerInItsToolResult()
    {
        Requirements.Executable("codex", CodexAgent.InstallHint);
        var script = Script.Create()
            .WhenLastUser("[bridge]").CallTool("report_progress", new { percent = 40, line = "Outlined the notes" }).Once()
            .WhenToolResult("Recorded: 40%").CallTool("ask_question", new { question = "Bullets or prose?" }).Once()
            .WhenToolResult("The developer answered").CallTool("exec_command", new { cmd = "echo '- first' > notes.txt && echo wrote-notes" }).Once()
            .WhenToolResult("wrote-notes").Say("Wrote the notes as bullets.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script, cancellationToken: TestContext.Current.CancellationToken);
        using var state = new TempDirectory("codex-state");
        await using var h = await ServerHarness.StartAsync(services => services.AddSingleton(new CodexOptions
        {
            ExecutablePath = Requirements.FindOnPath("codex"),
            StateRoot = state.Path,
            BaseUrl = model.Endpoint,
            ApiKeyVariable = ApiKeyVariable,
            Model = ScriptedModelServer.ModelName,
            Environment = new Dictionary<string, string> { [ApiKeyVariable] = "sk-scripted-dummy" },
        }));
        await h.Client.RegisterProjectAsync(h.Repo.Path, TestContext.Current.CancellationToken);
        await using var control = await McpConnection.ConnectAsync(new Uri(h.Server.Url, "mcp"), h.Server.Token.Value);
        var (_, created) = await control.CallAsync("create_task", new()
        {
            ["spec"] = "---\nname: notes\nagent: codex\n---\n# Take notes\n\n[bridge] Report progress, then ask how to format the notes.\n",
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

        await h.Client.AnswerAsync("notes", "Use bullets.", TestContext.Current.CancellationToken);
        var done = await h.WaitForAsync(id, "InReview", seconds: 120);

        h.Repo.Git("show", $"{done.Branch}:notes.txt").ShouldBe("- first");

        var answered = model.Requests.FirstOrDefault(r => r.Messages.Any(m => m.Role == "tool" && m.Text.Contains("The developer answered: Use bullets.", StringComparison.Ordinal)));
        answered.ShouldNotBeNull("the answer came back in the function_call_output of ask_question");
        var events = await h.Client.GetEventsAsync("notes", cancellationToken: TestContext.Current.CancellationToken);
        events.ShouldContain(e => e.Kind == "progress" && e.Message == "40% Outlined the notes");
        events.ShouldContain(e => e.Kind == "state" && e.Message.StartsWith("NeedsInput → Running", StringComparison.Ordinal));
        events.ShouldAllBe(e => !e.Message.Contains("nsr_", StringComparison.Ordinal));
    }
}
