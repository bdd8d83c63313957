using Nightshift.Core.Agents;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.BuiltIn;

/// <summary>A whole scripted task, end to end over HTTP: read, edit, run, ask, be steered, report, decide, finish.</summary>
public sealed class BuiltInAgentTaskTests
{
    private const string Steer = "Keep the comma in the greeting.";
    private const string Answer = "Casual, please.";

    private static Script TaskScript() => Script.Create()
        .OnRequest(1).Say("Reading the notes first.").CallTool("read_file", new { path = "notes.txt" }).Usage(100, 10)
        .When(RequestMatch.RequestNumber(2).And(RequestMatch.LastToolResultContains("hello")))
            .CallTool("edit_file", new { path = "notes.txt", search = "hello", replace = "hello, world" }).Usage(120, 12)
        .OnRequest(3).CallTool("run_command", new { command = "cat notes.txt" }).Usage(140, 8)
        .WhenToolResult("exit code 0").CallTool("ask_question", new { question = "Formal or casual?" }).Usage(160, 9).Once()
        .WhenToolResult("The developer answered: " + Answer)
            .CallTool("report_progress", new { percent = 80, line = "greeting updated" })
            .CallTool("record_decision", new { decision = "Kept it casual", reason = "the developer asked" })
            .Usage(180, 20)
        .OnRequest(6).Say("All done.").CallTool("finish", new { summary = "Changed the greeting to hello, world" }).Usage(200, 15)
        .Build();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ScriptedTask_ChangesTheFile_DeliversFeedback_AndEmitsEveryStepInOrder(bool streaming)
    {
        var feedback = new FakeFeedback { Answer = Answer };
        feedback.SteerOnCall[2] = Steer;
        await using var harness = await AgentHarness.StartAsync(TaskScript(), o => o with { Streaming = streaming }, feedback);
        harness.Write("notes.txt", "hello\n");

        var outcome = await harness.RunAsync("Make the greeting in notes.txt friendlier.", TestContext.Current.CancellationToken);

        outcome.Succeeded.ShouldBeTrue(outcome.Error);
        outcome.Summary.ShouldBe("Changed the greeting to hello, world");
        outcome.SessionId.ShouldBe("builtin-1-2");
        harness.Read("notes.txt").ShouldBe("hello, world\n");

        var requests = harness.Server.Requests;
        requests.Count.ShouldBe(6);
        requests.ShouldAllBe(r => r.Stream == streaming);
        requests[0].Messages.Select(m => m.Role).ShouldBe(["system", "user"]);
        requests[0].Messages[0].Text.ShouldContain("Do not commit");
        requests[0].ToolNames.ShouldBe(
            ["read_file", "write_file", "edit_file", "list_files", "search", "run_command", "report_progress", "ask_question", "record_decision", "finish"]);
        requests[1].Contains(Steer).ShouldBeFalse();
        requests[2].LastMessage!.Role.ShouldBe("user");
        requests[2].LastMessage!.Text.ShouldContain(Steer);
        requests[3].LatestToolResults().Single().Text.ShouldBe("exit code 0\nhello, world");
        requests[4].LatestToolResults().Single().Text.ShouldBe("The developer answered: " + Answer);
        feedback.Questions.ShouldBe(["Formal or casual?"]);
        feedback.Decisions.ShouldBe(["Kept it casual\nWhy: the developer asked"]);
        feedback.QueuedCalls.ShouldBe(1);

        harness.Events.Select(e => (e.Kind, e.Text)).ShouldBe(
        [
            (AgentEventKind.Message, "Reading the notes first."),
            (AgentEventKind.Usage, "100 in, 10 out"),
            (AgentEventKind.ToolCall, "read_file notes.txt"),
            (AgentEventKind.ToolResult, "read_file: hello"),
            (AgentEventKind.Usage, "120 in, 12 out"),
            (AgentEventKind.ToolCall, "edit_file notes.txt"),
            (AgentEventKind.ToolResult, "edit_file: edited notes.txt: replaced 1 occurrence"),
            (AgentEventKind.Usage, "140 in, 8 out"),
            (AgentEventKind.ToolCall, "run_command cat notes.txt"),
            (AgentEventKind.Output, "hello, world"),
            (AgentEventKind.ToolResult, "run_command: exit code 0"),
            (AgentEventKind.Usage, "160 in, 9 out"),
            (AgentEventKind.ToolCall, "ask_question Formal or casual?"),
            (AgentEventKind.ToolResult, "ask_question: The developer answered: " + Answer),
            (AgentEventKind.Usage, "180 in, 20 out"),
            (AgentEventKind.ToolCall, "report_progress greeting updated"),
            (AgentEventKind.Progress, "greeting updated"),
            (AgentEventKind.ToolResult, "report_progress: progress reported"),
            (AgentEventKind.ToolCall, "record_decision Kept it casual"),
            (AgentEventKind.ToolResult, "record_decision: decision recorded"),
            (AgentEventKind.Message, "All done."),
            (AgentEventKind.Usage, "200 in, 15 out"),
            (AgentEventKind.ToolCall, "finish Changed the greeting to hello, world"),
            (AgentEventKind.ToolResult, "finish: finished; Nightshift will commit the worktree"),
        ]);
        harness.Events.Single(e => e.Kind == AgentEventKind.Progress).Percent.ShouldBe(80);
        harness.Events.Where(e => e.Kind == AgentEventKind.ToolResult).ShouldAllBe(e => !e.IsError);
        harness.Events.Sum(e => e.InputTokens).ShouldBe(900);
    }
}
