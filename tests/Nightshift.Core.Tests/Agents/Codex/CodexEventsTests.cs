using System.Text.Json.Nodes;
using Nightshift.Core.Agents;
using Nightshift.Core.Agents.Codex;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Codex;

public sealed class CodexEventsTests
{
    private static CodexMessage Line(string json)
    {
        var node = (JsonObject)JsonNode.Parse(json)!;
        return new CodexMessage(node["method"]?.ToString(), node["id"], node["params"] as JsonObject ?? [], json);
    }

    [Fact]
    public void Read_MapsCommandsFileChangesMcpCallsAndMessages_ToNormalisedEvents()
    {
        var events = new CodexEvents();

        var started = events.Read(Line("""{"method":"item/started","params":{"item":{"type":"commandExecution","id":"c1","command":"/bin/bash -lc 'make test'","commandActions":[{"type":"unknown","command":"make test"}],"status":"inProgress"}}}"""));
        var ran = events.Read(Line("""{"method":"item/completed","params":{"item":{"type":"commandExecution","id":"c1","command":"/bin/bash -lc 'make test'","status":"completed","aggregatedOutput":"make: no rule\n","exitCode":2}}}"""));
        var edit = events.Read(Line("""{"method":"item/started","params":{"item":{"type":"fileChange","id":"f1","status":"inProgress","changes":[{"path":"/w/a.txt","kind":{"type":"add"},"diff":"+a"},{"path":"/w/b.txt","kind":{"type":"update"},"diff":"-b"}]}}}"""));
        var edited = events.Read(Line("""{"method":"item/completed","params":{"item":{"type":"fileChange","id":"f1","status":"completed","changes":[{"path":"/w/a.txt","diff":"+a"}]}}}"""));
        var mcp = events.Read(Line("""{"method":"item/started","params":{"item":{"type":"mcpToolCall","id":"m1","server":"nightshift","tool":"report_progress","arguments":{"message":"half"},"status":"inProgress"}}}"""));
        var mcpDone = events.Read(Line("""{"method":"item/completed","params":{"item":{"type":"mcpToolCall","id":"m1","server":"nightshift","tool":"report_progress","status":"completed","result":{"content":[{"type":"text","text":"noted"}]}}}}"""));
        var said = events.Read(Line("""{"method":"item/completed","params":{"item":{"type":"agentMessage","id":"a1","text":" Done. "}}}"""));
        var reasoning = events.Read(Line("""{"method":"item/completed","params":{"item":{"type":"reasoning","id":"r1","summary":[],"content":[]}}}"""));

        started.ShouldHaveSingleItem().ShouldBe(AgentEvent.ToolCall("shell: make test"));
        ran.ShouldHaveSingleItem().ShouldBe(AgentEvent.ToolResult("make: no rule", isError: true));
        edit.ShouldHaveSingleItem().ShouldBe(AgentEvent.ToolCall("edit: /w/a.txt, /w/b.txt"));
        edited.ShouldHaveSingleItem().ShouldBe(AgentEvent.ToolResult("completed: /w/a.txt"));
        mcp.ShouldHaveSingleItem().ShouldBe(AgentEvent.ToolCall("nightshift.report_progress {\"message\":\"half\"}"));
        mcpDone.ShouldHaveSingleItem().ShouldBe(AgentEvent.ToolResult("noted"));
        said.ShouldHaveSingleItem().ShouldBe(AgentEvent.Message("Done."));
        reasoning.ShouldBeEmpty();
        events.LastMessage.ShouldBe("Done.");
    }

    [Fact]
    public void Read_TokenUsage_CountsOnlyWhatWasSpentSinceTheLastReport()
    {
        var events = new CodexEvents();

        var first = events.Read(Line("""{"method":"thread/tokenUsage/updated","params":{"turnId":"t1","tokenUsage":{"total":{"inputTokens":100,"cachedInputTokens":0,"outputTokens":10,"reasoningOutputTokens":0,"totalTokens":110},"last":{}}}}"""));
        var second = events.Read(Line("""{"method":"thread/tokenUsage/updated","params":{"turnId":"t1","tokenUsage":{"total":{"inputTokens":250,"cachedInputTokens":0,"outputTokens":30,"reasoningOutputTokens":0,"totalTokens":280},"last":{}}}}"""));
        var repeated = events.Read(Line("""{"method":"thread/tokenUsage/updated","params":{"turnId":"t1","tokenUsage":{"total":{"inputTokens":250,"cachedInputTokens":0,"outputTokens":30,"reasoningOutputTokens":0,"totalTokens":280},"last":{}}}}"""));

        first.ShouldHaveSingleItem().ShouldBe(AgentEvent.Usage(100, 10, 0m));
        second.ShouldHaveSingleItem().ShouldBe(AgentEvent.Usage(150, 20, 0m));
        repeated.ShouldBeEmpty();
    }

    [Fact]
    public void Read_TheTotalsOfAResumedThreadsEarlierTurns_OnlySetTheBaseline()
    {
        var events = new CodexEvents { IsOwnTurn = turn => turn == "mine" };

        var restored = events.Read(Line("""{"method":"thread/tokenUsage/updated","params":{"turnId":"earlier","tokenUsage":{"total":{"inputTokens":900,"outputTokens":90},"last":{}}}}"""));
        var spent = events.Read(Line("""{"method":"thread/tokenUsage/updated","params":{"turnId":"mine","tokenUsage":{"total":{"inputTokens":1000,"outputTokens":95},"last":{}}}}"""));

        restored.ShouldBeEmpty();
        spent.ShouldHaveSingleItem().ShouldBe(AgentEvent.Usage(100, 5, 0m));
    }

    [Fact]
    public void Read_ErrorsWarningsAndStrayLines_BecomeOutput()
    {
        var events = new CodexEvents();

        events.Read(Line("""{"method":"error","params":{"error":{"message":"stream disconnected"},"willRetry":true,"threadId":"x","turnId":"t"}}"""))
            .ShouldHaveSingleItem().ShouldBe(AgentEvent.Output("codex will retry: stream disconnected", isError: true));
        events.Read(Line("""{"method":"warning","params":{"message":"Model metadata not found"}}"""))
            .ShouldHaveSingleItem().ShouldBe(AgentEvent.Output("codex warning: Model metadata not found", isError: true));
        events.Read(new CodexMessage(null, null, [], "not json")).ShouldHaveSingleItem().ShouldBe(AgentEvent.Output("not json"));
        events.Read(Line("""{"method":"thread/status/changed","params":{"status":{"type":"idle"}}}""")).ShouldBeEmpty();
    }
}
