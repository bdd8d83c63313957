using Nightshift.Core.Agents;
using Nightshift.Core.Agents.OpenCode;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.OpenCode;

public sealed class OpenCodeJsonOutputTests
{
    [Fact]
    public void Read_ToolUseWithItsState_IsACallAndItsResult_AndEachStepReportsItsUsage()
    {
        var output = new OpenCodeJsonOutput();

        string[] lines =
        [
            """{"type":"step_start","sessionID":"ses_1","part":{"type":"step-start"}}""",
            """{"type":"tool_use","sessionID":"ses_1","part":{"type":"tool","tool":"bash","state":{"status":"completed","input":{"command":"echo hi"},"output":"hi\n"}}}""",
            """{"type":"step_finish","sessionID":"ses_1","part":{"type":"step-finish","tokens":{"input":10,"output":2,"reasoning":1,"cache":{"read":5,"write":0}},"cost":0.25}}""",
            """{"type":"text","sessionID":"ses_1","part":{"type":"text","text":"Done."}}""",
        ];
        var events = lines.SelectMany(output.Read).ToList();

        events.Select(e => (e.Kind, e.Text)).ShouldBe([
            (AgentEventKind.Session, "ses_1"),
            (AgentEventKind.ToolCall, "bash: echo hi"),
            (AgentEventKind.ToolResult, "hi"),
            (AgentEventKind.Usage, "15 in, 3 out"),
            (AgentEventKind.Message, "Done."),
        ]);
        events[3].CostUsd.ShouldBe(0.25m);
        output.SessionId.ShouldBe("ses_1");
        output.Summary.ShouldBe("Done.");
    }

    [Fact]
    public void Read_AnErrorEvent_IsTheTurnsError()
    {
        var output = new OpenCodeJsonOutput();

        output.Read("""{"type":"error","sessionID":"ses_1","error":{"name":"APIError","data":{"message":"No script rule matched"}}}""");

        output.Error.ShouldBe("No script rule matched");
    }
}
