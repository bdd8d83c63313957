using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Nightshift.ScriptedModel.Tests;

/// <summary>Plain Anthropic Messages requests sent with HttpClient, so the tests see the wire format.</summary>
internal static class MessagesRequests
{
    public static JsonObject Body(bool stream, params JsonObject[] messages) => new()
    {
        ["model"] = "claude-test",
        ["max_tokens"] = 1024,
        ["stream"] = stream,
        ["system"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "You are a test." }),
        ["tools"] = new JsonArray(new JsonObject { ["name"] = "Write", ["input_schema"] = new JsonObject { ["type"] = "object" } }),
        ["messages"] = new JsonArray(messages.Select(m => (JsonNode)m).ToArray()),
    };

    public static JsonObject User(string text) => new() { ["role"] = "user", ["content"] = text };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, ScriptedModelServer server, JsonObject body, string path = "v1/messages") =>
        await http.PostAsJsonAsync(new Uri(server.BaseAddress, path), body, TestContext.Current.CancellationToken);

    public static async Task<JsonObject> SendAsync(HttpClient http, ScriptedModelServer server, params JsonObject[] messages)
    {
        using var response = await PostAsync(http, server, Body(false, messages));
        response.EnsureSuccessStatusCode();
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The (event, data) pairs of a streamed answer, in order.</summary>
    public static async Task<List<(string Event, JsonNode Data)>> StreamAsync(HttpClient http, ScriptedModelServer server, params JsonObject[] messages)
    {
        using var response = await PostAsync(http, server, Body(true, messages));
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('\n'))
            .Select(lines => (lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..],
                JsonNode.Parse(lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..])!))
            .ToList();
    }
}
