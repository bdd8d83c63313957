using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Nightshift.ScriptedModel.Tests;

/// <summary>Plain OpenAI-shaped requests sent with HttpClient, so the tests see the wire format.</summary>
internal static class ChatRequests
{
    public static JsonObject Body(bool stream, params (string Role, string Content)[] messages) => new()
    {
        ["model"] = "test-model",
        ["stream"] = stream,
        ["messages"] = new JsonArray(messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content }).ToArray()),
    };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, ScriptedModelServer server, JsonObject body) =>
        await http.PostAsJsonAsync(new Uri(server.BaseAddress, "v1/chat/completions"), body, TestContext.Current.CancellationToken);

    public static async Task<JsonObject> CompleteAsync(HttpClient http, ScriptedModelServer server, params (string Role, string Content)[] messages)
    {
        using var response = await PostAsync(http, server, Body(false, messages));
        response.EnsureSuccessStatusCode();
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The `data:` payloads of a streamed answer, in order, [DONE] included.</summary>
    public static async Task<List<string>> StreamAsync(HttpClient http, ScriptedModelServer server, params (string Role, string Content)[] messages)
    {
        using var response = await PostAsync(http, server, Body(true, messages));
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return text.Split('\n')
            .Where(l => l.StartsWith("data: ", StringComparison.Ordinal))
            .Select(l => l["data: ".Length..])
            .ToList();
    }
}
