using System.Net;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Nightshift.ScriptedModel.Tests;

public sealed class ScriptedModelServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Completion_WithoutStreaming_ReturnsTheScriptedTextToolCallsAndUsage()
    {
        var script = Script.Create()
            .Always().Say("Reading it.").CallTool("read_file", new { path = "notes.txt" }).Usage(120, 7)
            .Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();

        var completion = await ChatRequests.CompleteAsync(http, server, ("user", "please read notes"));

        completion["object"]!.GetValue<string>().ShouldBe("chat.completion");
        completion["model"]!.GetValue<string>().ShouldBe("test-model");
        var choice = completion["choices"]![0]!;
        choice["finish_reason"]!.GetValue<string>().ShouldBe("tool_calls");
        choice["message"]!["content"]!.GetValue<string>().ShouldBe("Reading it.");
        var call = choice["message"]!["tool_calls"]![0]!;
        call["id"]!.GetValue<string>().ShouldBe("call_1_0");
        call["function"]!["name"]!.GetValue<string>().ShouldBe("read_file");
        JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>())!["path"]!.GetValue<string>().ShouldBe("notes.txt");
        completion["usage"]!["prompt_tokens"]!.GetValue<int>().ShouldBe(120);
        completion["usage"]!["completion_tokens"]!.GetValue<int>().ShouldBe(7);
        completion["usage"]!["total_tokens"]!.GetValue<int>().ShouldBe(127);
    }

    [Fact]
    public async Task Completion_WithStreaming_SendsDeltasThatJoinToTheReplyThenDone()
    {
        var script = Script.Create()
            .Always().Say("A reply long enough to be cut into several pieces.").CallTool("write_file", new { path = "a.txt", content = "hello world" })
            .Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();

        var events = await ChatRequests.StreamAsync(http, server, ("user", "go"));

        events[^1].ShouldBe("[DONE]");
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        chunks.ShouldAllBe(c => c["object"]!.GetValue<string>() == "chat.completion.chunk");
        var deltas = chunks.SelectMany(c => c["choices"]!.AsArray()).Select(c => c!["delta"]!).ToList();
        string.Concat(deltas.Select(d => d["content"]?.GetValue<string>())).ShouldBe("A reply long enough to be cut into several pieces.");
        var arguments = string.Concat(deltas.SelectMany(d => d["tool_calls"]?.AsArray() ?? [])
            .Select(t => t!["function"]!["arguments"]!.GetValue<string>()));
        JsonNode.Parse(arguments)!["content"]!.GetValue<string>().ShouldBe("hello world");
        chunks.Count(c => c["choices"]!.AsArray().Any(ch => ch!["finish_reason"]?.GetValue<string>() == "tool_calls")).ShouldBe(1);
        chunks[^1]["usage"].ShouldNotBeNull();
        server.Requests.Single().Stream.ShouldBeTrue();
    }

    [Fact]
    public async Task Rules_AreTriedInOrder_AndAOneShotRuleIsUsedUp()
    {
        var script = Script.Create()
            .WhenLastUser("hello").Say("first hello").Once()
            .WhenLastUser("hello").Say("later hello")
            .Always().Say("fallback")
            .Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();

        var replies = new List<string>();
        foreach (var text in new[] { "hello", "hello", "bye" })
        {
            var completion = await ChatRequests.CompleteAsync(http, server, ("user", text));
            replies.Add(completion["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        }

        replies.ShouldBe(["first hello", "later hello", "fallback"]);
    }

    [Fact]
    public async Task Match_ByRequestNumberToolResultAndAnyMessage()
    {
        var script = Script.Create()
            .OnRequest(2).Say("second")
            .WhenToolResult("exit code 0").Say("tool ok")
            .WhenAnyMessage("needle").Say("found needle")
            .Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();

        var first = await ChatRequests.CompleteAsync(http, server, ("system", "a needle here"), ("user", "x"));
        var second = await ChatRequests.CompleteAsync(http, server, ("user", "y"));
        var third = await ChatRequests.CompleteAsync(http, server, ("user", "z"), ("assistant", "calling"), ("tool", "exit code 0"));

        Reply(first).ShouldBe("found needle");
        Reply(second).ShouldBe("second");
        Reply(third).ShouldBe("tool ok");
    }

    [Fact]
    public async Task UnmatchedRequest_Gets400NamingTheLastMessage()
    {
        var script = Script.Create().WhenLastUser("known").Say("ok").Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();

        using var response = await ChatRequests.PostAsync(http, server, ChatRequests.Body(false, ("user", "something unexpected")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!;
        var message = error["message"]!.GetValue<string>();
        message.ShouldContain("request #1");
        message.ShouldContain("(user) was: \"something unexpected\"");
        message.ShouldContain("last user message contains \"known\"");
    }

    [Fact]
    public async Task Requests_AreRecordedInOrderWithTheirMessages()
    {
        var script = Script.Create().Always().Say("ok").Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();

        await ChatRequests.CompleteAsync(http, server, ("system", "be brief"), ("user", "one"));
        await ChatRequests.CompleteAsync(http, server, ("user", "two"));

        server.Requests.Select(r => r.Number).ShouldBe([1, 2]);
        server.Requests[0].Messages.Select(m => m.Role).ShouldBe(["system", "user"]);
        server.Requests[0].Model.ShouldBe("test-model");
        server.Requests[1].LastMessage!.Text.ShouldBe("two");
        JsonNode.Parse(server.Requests[1].LastMessage!.Json)!["content"]!.GetValue<string>().ShouldBe("two");
        server.Requests[1].Contains("one").ShouldBeFalse();
    }

    [Fact]
    public async Task Models_ListsTheScriptedModel()
    {
        await using var server = await ScriptedModelServer.StartAsync(Script.Create().Build(), cancellationToken: Ct);
        using var http = new HttpClient();

        var list = JsonNode.Parse(await http.GetStringAsync(new Uri(server.BaseAddress, "v1/models"), Ct))!;

        list["data"]![0]!["id"]!.GetValue<string>().ShouldBe(ScriptedModelServer.ModelName);
    }

    [Fact]
    public async Task Delay_EndsWhenTheClientGoesAway()
    {
        var script = Script.Create().OnRequest(1).Say("late").Delay(TimeSpan.FromMinutes(10)).Always().Say("prompt").Build();
        await using var server = await ScriptedModelServer.StartAsync(script, cancellationToken: Ct);
        using var http = new HttpClient();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var slow = http.PostAsync(new Uri(server.BaseAddress, "v1/chat/completions"), JsonContent(ChatRequests.Body(false, ("user", "wait"))), cts.Token);
        await server.WaitForRequestsAsync(1, Ct);
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(slow);
        Reply(await ChatRequests.CompleteAsync(http, server, ("user", "again"))).ShouldBe("prompt");
    }

    private static string Reply(JsonObject completion) => completion["choices"]![0]!["message"]!["content"]!.GetValue<string>();

    private static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
