using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Nightshift.ScriptedModel.Tests;

/// <summary>Plain OpenAI Responses requests sent with HttpClient, so the tests see the wire format.</summary>
internal static class ResponsesRequests
{
    public static JsonObject Body(bool stream, params JsonObject[] input) => new()
    {
        ["model"] = "codex-test",
        ["stream"] = stream,
        ["instructions"] = "You are a test.",
        ["tools"] = new JsonArray(
            new JsonObject { ["type"] = "function", ["name"] = "exec_command", ["parameters"] = new JsonObject { ["type"] = "object" } },
            new JsonObject
            {
                ["type"] = "namespace",
                ["name"] = "mcp__bridge",
                ["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["name"] = "report_progress" }),
            }),
        ["input"] = new JsonArray(input.Select(i => (JsonNode)i).ToArray()),
    };

    public static JsonObject Message(string role, string text) => new()
    {
        ["type"] = "message",
        ["role"] = role,
        ["content"] = new JsonArray(new JsonObject { ["type"] = role == "assistant" ? "output_text" : "input_text", ["text"] = text }),
    };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, ScriptedModelServer server, JsonObject body) =>
        await http.PostAsJsonAsync(new Uri(server.BaseAddress, "v1/responses"), body, TestContext.Current.CancellationToken);

    public static async Task<JsonObject> SendAsync(HttpClient http, ScriptedModelServer server, params JsonObject[] input)
    {
        using var response = await PostAsync(http, server, Body(false, input));
        response.EnsureSuccessStatusCode();
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The (event, data) pairs of a streamed answer, in order.</summary>
    public static async Task<List<(string Event, JsonNode Data)>> StreamAsync(HttpClient http, ScriptedModelServer server, params JsonObject[] input)
    {
        using var response = await PostAsync(http, server, Body(true, input));
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
