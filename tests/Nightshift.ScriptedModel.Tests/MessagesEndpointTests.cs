using System.Net;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Nightshift.ScriptedModel.Tests;

public sealed class MessagesEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Message_WithoutStreaming_ReturnsTextToolUseAndUsage()
    {
        var script = Script.Create()
            .Always().Say("Writing it.").CallTool("Write", new { file_path = "a.txt", content = "hi" }).Usage(120, 7)
            .Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();

        var message = await MessagesRequests.SendAsync(http, server, MessagesRequests.User("please write"));

        message["type"]!.GetValue<string>().ShouldBe("message");
        message["role"]!.GetValue<string>().ShouldBe("assistant");
        message["model"]!.GetValue<string>().ShouldBe("claude-test");
        message["stop_reason"]!.GetValue<string>().ShouldBe("tool_use");
        message["content"]![0]!["text"]!.GetValue<string>().ShouldBe("Writing it.");
        var use = message["content"]![1]!;
        use["type"]!.GetValue<string>().ShouldBe("tool_use");
        use["id"]!.GetValue<string>().ShouldBe("toolu_scripted_1_0");
        use["name"]!.GetValue<string>().ShouldBe("Write");
        use["input"]!["file_path"]!.GetValue<string>().ShouldBe("a.txt");
        message["usage"]!["input_tokens"]!.GetValue<int>().ShouldBe(120);
        message["usage"]!["output_tokens"]!.GetValue<int>().ShouldBe(7);
    }

    [Fact]
    public async Task Message_WithStreaming_SendsEventsWhoseDeltasJoinToTheReply()
    {
        var script = Script.Create()
            .Always().Say("A reply long enough to be cut into several pieces.").CallTool("Write", new { file_path = "a.txt", content = "hello world" })
            .Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();

        var events = await MessagesRequests.StreamAsync(http, server, MessagesRequests.User("go"));

        events[0].Event.ShouldBe("message_start");
        events[^2].Event.ShouldBe("message_delta");
        events[^2].Data["delta"]!["stop_reason"]!.GetValue<string>().ShouldBe("tool_use");
        events[^1].Event.ShouldBe("message_stop");
        events.ShouldAllBe(e => e.Data["type"]!.GetValue<string>() == e.Event);
        var deltas = events.Where(e => e.Event == "content_block_delta").Select(e => e.Data).ToList();
        string.Concat(deltas.Where(d => d["index"]!.GetValue<int>() == 0).Select(d => d["delta"]!["text"]!.GetValue<string>()))
            .ShouldBe("A reply long enough to be cut into several pieces.");
        var json = string.Concat(deltas.Where(d => d["index"]!.GetValue<int>() == 1).Select(d => d["delta"]!["partial_json"]!.GetValue<string>()));
        JsonNode.Parse(json)!["content"]!.GetValue<string>().ShouldBe("hello world");
        var toolStart = events.Single(e => e.Event == "content_block_start" && e.Data["index"]!.GetValue<int>() == 1).Data;
        toolStart["content_block"]!["name"]!.GetValue<string>().ShouldBe("Write");
        server.Requests.Single().Stream.ShouldBeTrue();
    }

    [Fact]
    public async Task ToolResults_AreRecordedAsToolMessages_SoTheSameRulesMatch()
    {
        var script = Script.Create()
            .WhenToolResult("written ok").Say("All done.")
            .WhenLastUser("write it").CallTool("Write", new { file_path = "a.txt" })
            .Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();
        var first = await MessagesRequests.SendAsync(http, server, MessagesRequests.User("please write it"));
        var assistant = new JsonObject { ["role"] = "assistant", ["content"] = first["content"]!.DeepClone() };
        var results = new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject
            {
                ["type"] = "tool_result",
                ["tool_use_id"] = "toolu_scripted_1_0",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "file written ok" }),
            }),
        };

        var second = await MessagesRequests.SendAsync(http, server, MessagesRequests.User("please write it"), assistant, results);

        second["content"]![0]!["text"]!.GetValue<string>().ShouldBe("All done.");
        var recorded = server.Requests[1];
        recorded.Messages.Select(m => m.Role).ShouldBe(["system", "user", "assistant", "tool"]);
        recorded.Messages[0].Text.ShouldBe("You are a test.");
        recorded.Messages[2].Text.ShouldContain("Write {\"file_path\":\"a.txt\"}");
        recorded.Messages[3].ToolCallId.ShouldBe("toolu_scripted_1_0");
        recorded.ToolNames.ShouldBe(["Write"]);
    }

    [Fact]
    public async Task UnmatchedRequest_GetsAnAnthropicError400()
    {
        await using var server = await ScriptedModelServer.StartAsync(Script.Create().WhenLastUser("never").Say("x").Build(), cancellationToken: Ct);
        using var http = new HttpClient();

        using var response = await MessagesRequests.PostAsync(http, server, MessagesRequests.Body(false, MessagesRequests.User("hello there")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        error["type"]!.GetValue<string>().ShouldBe("error");
        error["error"]!["message"]!.GetValue<string>().ShouldContain("hello there");
    }

    [Fact]
    public async Task CountTokens_AnswersWithoutRecordingOrPlayingTheScript()
    {
        await using var server = await ScriptedModelServer.StartAsync(Script.Create().Build(), cancellationToken: Ct);
        using var http = new HttpClient();

        using var response = await MessagesRequests.PostAsync(http, server, MessagesRequests.Body(false, MessagesRequests.User("count me")), "v1/messages/count_tokens");

        response.EnsureSuccessStatusCode();
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["input_tokens"]!.GetValue<int>().ShouldBeGreaterThan(0);
        server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task ChatAndMessagesRequests_ShareOneNumberingAndOneScript()
    {
        var script = Script.Create().OnRequest(1).Say("first").OnRequest(2).Say("second").Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();

        var chat = await ChatRequests.CompleteAsync(http, server, ("user", "hi"));
        var message = await MessagesRequests.SendAsync(http, server, MessagesRequests.User("hi"));

        chat["choices"]![0]!["message"]!["content"]!.GetValue<string>().ShouldBe("first");
        message["content"]![0]!["text"]!.GetValue<string>().ShouldBe("second");
    }
}
