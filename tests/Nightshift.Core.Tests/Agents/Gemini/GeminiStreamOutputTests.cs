using Nightshift.Core.Agents;
using Nightshift.Core.Agents.Gemini;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Gemini;

public sealed class GeminiStreamOutputTests
{
    [Fact]
    public void Read_JoinsTheAssistantsDeltas_IntoOneMessageBeforeTheNextEvent()
    {
        var output = new GeminiStreamOutput();

        string[] lines =
        [
            """{"type":"init","session_id":"s-1","model":"m"}""",
            """{"type":"message","role":"user","content":"Do it"}""",
            """{"type":"message","role":"assistant","content":"Writing ","delta":true}""",
            """{"type":"message","role":"assistant","content":"the file.","delta":true}""",
            """{"type":"tool_use","tool_name":"write_file","tool_id":"t1","parameters":{"file_path":"a.txt","content":"x"}}""",
            """{"type":"tool_result","tool_id":"t1","status":"error","error":{"type":"X","message":"disk full"}}""",
            """{"type":"result","status":"success","stats":{"input_tokens":12,"output_tokens":3}}""",
        ];
        var events = lines.SelectMany(output.Read).ToList();

        events.Select(e => (e.Kind, e.Text)).ShouldBe([
            (AgentEventKind.Session, "s-1"),
            (AgentEventKind.Message, "Writing the file."),
            (AgentEventKind.ToolCall, "write_file: a.txt"),
            (AgentEventKind.ToolResult, "disk full"),
            (AgentEventKind.Usage, "12 in, 3 out"),
        ]);
        events[3].IsError.ShouldBeTrue();
        output.SessionId.ShouldBe("s-1");
        output.Summary.ShouldBe("Writing the file.");
        output.Error.ShouldBeNull();
    }

    [Fact]
    public void Read_AnErrorResult_IsTheTurnsError_AndANonJsonLineIsOutput()
    {
        var output = new GeminiStreamOutput();

        output.Read("Loaded cached credentials.").ShouldHaveSingleItem().Kind.ShouldBe(AgentEventKind.Output);
        output.Read("""{"type":"result","status":"error","error":{"type":"FatalTurnLimitedError","message":"Reached max session turns"}}""");

        output.Error.ShouldBe("Reached max session turns");
    }
}
