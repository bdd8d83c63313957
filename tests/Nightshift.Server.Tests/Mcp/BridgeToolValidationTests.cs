using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Mcp;

/// <summary>Each bridge tool refuses bad input with an error that says what was wrong, before anything is written.</summary>
public sealed class BridgeToolValidationTests
{
    public static TheoryData<string, Dictionary<string, object?>, string> BadCalls => new()
    {
        { "report_progress", new() { ["percent"] = 101, ["line"] = "almost" }, "101 is out of range" },
        { "report_progress", new() { ["percent"] = -1, ["line"] = "negative" }, "-1 is out of range" },
        { "report_progress", new() { ["percent"] = 50, ["line"] = "  " }, "line is empty" },
        { "report_progress", new() { ["percent"] = 50, ["line"] = new string('x', 501) }, "line is 501 characters long; keep it to 500" },
        { "ask_question", new() { ["question"] = "" }, "question is empty" },
        { "record_decision", new() { ["decision"] = "Use SQLite", ["why"] = "" }, "why is empty" },
        { "record_decision", new() { ["decision"] = " ", ["why"] = "it is embedded" }, "decision is empty" },
        { "update_plan", new() { ["steps"] = Array.Empty<object>() }, "steps must list at least one step" },
        { "update_plan", new() { ["steps"] = new[] { new { step = "Write it", done = true }, new { step = "", done = false } } }, "steps[1].step is empty" },
        { "update_plan", new() { ["steps"] = Enumerable.Range(0, 51).Select(i => new { step = $"s{i}", done = false }).ToArray() }, "steps has 51 steps; a plan has at most 50" },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task ABridgeTool_RefusesBadInput_WithAClearError(string tool, Dictionary<string, object?> arguments, string expected)
    {
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        using var run = new FakeRun(h.Server, 5);
        await using var client = await McpConnection.ConnectAsync(run.Url, run.Token);

        var (isError, text) = await client.CallAsync(tool, arguments);

        isError.ShouldBeTrue();
        text.ShouldContain(expected);
    }

    [Fact]
    public async Task GetFeedback_WithNothingPending_SaysSo()
    {
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        using var run = new FakeRun(h.Server, 6);
        await using var client = await McpConnection.ConnectAsync(run.Url, run.Token);

        var (isError, text) = await client.CallAsync("get_feedback", []);

        isError.ShouldBeFalse(text);
        text.ShouldBe("No new feedback.");
    }
}
