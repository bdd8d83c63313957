using Nightshift.Core.Agents;
using Nightshift.Core.Agents.Aider;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Aider;

public sealed class AiderOutputTests
{
    [Fact]
    public void Read_TheReplyIsOneMessage_EndedByTheEditAndTokenLines()
    {
        var output = new AiderOutput();

        string[] lines =
        [
            "Aider v0.86.1",
            "Main model: openai/qwen with diff edit format",
            "I will add the greeting.",
            "",
            "Applied edit to src/app.py",
            "Tokens: 2.3k sent, 1.1k cache write, 120 received. Cost: $0.03 message, $0.05 session.",
        ];
        var events = lines.SelectMany(output.Read).ToList();

        events.Select(e => (e.Kind, e.Text)).ShouldBe([
            (AgentEventKind.Output, "Aider v0.86.1"),
            (AgentEventKind.Output, "Main model: openai/qwen with diff edit format"),
            (AgentEventKind.Message, "I will add the greeting."),
            (AgentEventKind.ToolCall, "edit: src/app.py"),
            (AgentEventKind.Usage, "2300 in, 120 out"),
        ]);
        events[4].CostUsd.ShouldBe(0.03m);
        output.Summary.ShouldBe("I will add the greeting.");
        output.SessionId.ShouldBeNull();
    }
}
