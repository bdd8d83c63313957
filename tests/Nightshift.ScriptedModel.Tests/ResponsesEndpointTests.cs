using System.Net;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Nightshift.ScriptedModel.Tests;

public sealed class ResponsesEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Response_WithoutStreaming_ReturnsTextFunctionCallAndUsage()
    {
        var script = Script.Create()
            .Always().Say("Running it.").CallTool("exec_command", new { cmd = "make" }).Usage(120, 7)
            .Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();

        var response = await ResponsesRequests.SendAsync(http, server, ResponsesRequests.Message("user", "please build"));

        response["object"]!.GetValue<string>().ShouldBe("response");
        response["status"]!.GetValue<string>().ShouldBe("completed");
        response["model"]!.GetValue<string>().ShouldBe("codex-test");
        var output = response["output"]!.AsArray();
        output[0]!["type"]!.GetValue<string>().ShouldBe("message");
        output[0]!["content"]![0]!["text"]!.GetValue<string>().ShouldBe("Running it.");
        output[1]!["type"]!.GetValue<string>().ShouldBe("function_call");
        output[1]!["call_id"]!.GetValue<string>().ShouldBe("call_scripted_1_0");
        output[1]!["name"]!.GetValue<string>().ShouldBe("exec_command");
        JsonNode.Parse(output[1]!["arguments"]!.GetValue<string>())!["cmd"]!.GetValue<string>().ShouldBe("make");
        output[1]!["namespace"].ShouldBeNull();
        response["usage"]!["input_tokens"]!.GetValue<int>().ShouldBe(120);
        response["usage"]!["output_tokens"]!.GetValue<int>().ShouldBe(7);
        response["usage"]!["total_tokens"]!.GetValue<int>().ShouldBe(127);
    }

    [Fact]
    public async Task Response_WithStreaming_SendsEventsWhoseDeltasJoinToTheReply_AndEndsWithCompleted()
    {
        var script = Script.Create()
            .Always().Say("A reply long enough to be cut into several pieces.").CallTool("exec_command", new { cmd = "echo hello world" })
            .Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();

        var events = await ResponsesRequests.StreamAsync(http, server, ResponsesRequests.Message("user", "go"));

        events[0].Event.ShouldBe("response.created");
        events[^1].Event.ShouldBe("response.completed");
        events.ShouldAllBe(e => e.Data["type"]!.GetValue<string>() == e.Event);
        events.Select(e => e.Data["sequence_number"]!.GetValue<int>()).ShouldBe(Enumerable.Range(0, events.Count));
        string.Concat(events.Where(e => e.Event == "response.output_text.delta").Select(e => e.Data["delta"]!.GetValue<string>()))
            .ShouldBe("A reply long enough to be cut into several pieces.");
        var arguments = string.Concat(events.Where(e => e.Event == "response.function_call_arguments.delta").Select(e => e.Data["delta"]!.GetValue<string>()));
        JsonNode.Parse(arguments)!["cmd"]!.GetValue<string>().ShouldBe("echo hello world");
        var done = events.Where(e => e.Event == "response.output_item.done").Select(e => e.Data["item"]!).ToList();
        done.Select(i => i["type"]!.GetValue<string>()).ShouldBe(["message", "function_call"]);
        done[1]["arguments"]!.GetValue<string>().ShouldBe(arguments);
        var completed = events[^1].Data["response"]!;
        completed["status"]!.GetValue<string>().ShouldBe("completed");
        completed["usage"]!["input_tokens"]!.GetValue<int>().ShouldBeGreaterThan(0);
        completed["output"]!.AsArray().Count.ShouldBe(2);
        server.Requests.Single().Stream.ShouldBeTrue();
    }

    [Fact]
    public async Task InputItems_AreRecordedAsMessages_SoTheSameRulesMatch()
    {
        var script = Script.Create()
            .WhenToolResult("built ok").Say("All done.")
            .WhenLastUser("build it").CallTool("exec_command", new { cmd = "make" })
            .Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();
        var first = await ResponsesRequests.SendAsync(http, server, ResponsesRequests.Message("user", "please build it"));
        var call = first["output"]![0]!.DeepClone().AsObject();
        var result = new JsonObject { ["type"] = "function_call_output", ["call_id"] = "call_scripted_1_0", ["output"] = "make: built ok" };
        var reasoning = new JsonObject { ["type"] = "reasoning", ["summary"] = new JsonArray() };

        var second = await ResponsesRequests.SendAsync(
            http, server, ResponsesRequests.Message("developer", "Be careful."), ResponsesRequests.Message("user", "please build it"), reasoning, call, result);

        second["output"]![0]!["content"]![0]!["text"]!.GetValue<string>().ShouldBe("All done.");
        var recorded = server.Requests[1];
        recorded.Messages.Select(m => m.Role).ShouldBe(["system", "system", "user", "assistant", "tool"]);
        recorded.Messages[0].Text.ShouldBe("You are a test.");
        recorded.Messages[1].Text.ShouldBe("Be careful.");
        recorded.Messages[3].Text.ShouldBe("exec_command {\"cmd\":\"make\"}");
        recorded.Messages[3].ToolCallId.ShouldBe("call_scripted_1_0");
        recorded.Messages[4].ToolCallId.ShouldBe("call_scripted_1_0");
        recorded.ToolNames.ShouldBe(["exec_command", "mcp__bridge", "report_progress"]);
    }

    [Fact]
    public async Task ACallToAToolOfferedInANamespace_CarriesTheNamespace()
    {
        await using var server = await ScriptedModelServer.StartAsync(Script.Create().Always().CallTool("report_progress", new { message = "half" }).Build(), cancellationToken: Ct);
        using var http = new HttpClient();

        var response = await ResponsesRequests.SendAsync(http, server, ResponsesRequests.Message("user", "report"));

        var call = response["output"]![0]!;
        call["name"]!.GetValue<string>().ShouldBe("report_progress");
        call["namespace"]!.GetValue<string>().ShouldBe("mcp__bridge");
    }

    [Fact]
    public async Task AStringInputAndOutputParts_ReadAsText()
    {
        await using var server = await ScriptedModelServer.StartAsync(Script.Create().WhenLastUser("just text").Say("ok").Build(), cancellationToken: Ct);
        using var http = new HttpClient();
        var body = ResponsesRequests.Body(false);
        body["input"] = "just text";

        using var response = await ResponsesRequests.PostAsync(http, server, body);

        response.EnsureSuccessStatusCode();
        server.Requests.Single().Messages.Select(m => (m.Role, m.Text)).ShouldBe([("system", "You are a test."), ("user", "just text")]);
    }

    [Fact]
    public async Task UnmatchedRequest_GetsAnOpenAiError400_AndABodyWithoutInputIsRefused()
    {
        await using var server = await ScriptedModelServer.StartAsync(Script.Create().WhenLastUser("never").Say("x").Build(), cancellationToken: Ct);
        using var http = new HttpClient();

        using var unmatched = await ResponsesRequests.PostAsync(http, server, ResponsesRequests.Body(true, ResponsesRequests.Message("user", "hello there")));
        using var malformed = await ResponsesRequests.PostAsync(http, server, new JsonObject { ["model"] = "m" });

        unmatched.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await unmatched.Content.ReadAsStringAsync(Ct))!["error"]!["message"]!.GetValue<string>().ShouldContain("hello there");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await malformed.Content.ReadAsStringAsync(Ct))!["error"]!["message"]!.GetValue<string>().ShouldContain("\"input\"");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task ChatAndResponsesRequests_ShareOneNumberingAndOneScript()
    {
        var script = Script.Create().OnRequest(1).Say("first").OnRequest(2).Say("second").Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();

        var chat = await ChatRequests.CompleteAsync(http, server, ("user", "hi"));
        var response = await ResponsesRequests.SendAsync(http, server, ResponsesRequests.Message("user", "hi"));

        chat["choices"]![0]!["message"]!["content"]!.GetValue<string>().ShouldBe("first");
        response["output"]![0]!["content"]![0]!["text"]!.GetValue<string>().ShouldBe("second");
        response["id"]!.GetValue<string>().ShouldBe("resp_scripted_2");
    }
}
