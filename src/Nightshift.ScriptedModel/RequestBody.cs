using System.Text.Json;

namespace Nightshift.ScriptedModel;

/// <summary>What the APIs' requests share: a JSON body; for chat completions and Messages, a model, a stream flag and a messages array.</summary>
internal static class RequestBody
{
    /// <summary>The parsed body, or null with <paramref name="problem"/> set when it is not JSON or has no messages array.</summary>
    public static JsonDocument? Open(string body, out JsonElement messages, out string? problem)
    {
        messages = default;
        if (Parse(body, out problem) is not { } document)
        {
            return null;
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("messages", out messages) || messages.ValueKind != JsonValueKind.Array)
        {
            document.Dispose();
            problem = "the request has no \"messages\" array";
            return null;
        }
        return document;
    }

    /// <summary>The parsed body of any API's request, or null with <paramref name="problem"/> saying it is not JSON.</summary>
    public static JsonDocument? Parse(string body, out string? problem)
    {
        problem = null;
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            problem = $"the request body is not JSON: {ex.Message}";
            return null;
        }
    }

    public static string? Model(JsonElement root) =>
        root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;

    public static bool Stream(JsonElement root) =>
        root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
}
