using System.Text;
using System.Text.Json;

namespace Nightshift.ScriptedModel;

/// <summary>
/// Reads a Gemini API <c>generateContent</c> request into the same <see cref="RecordedRequest"/>
/// shape as a chat request, so one script drives every API: <c>systemInstruction</c> becomes a
/// system message, role <c>model</c> reads as assistant (its <c>functionCall</c> parts as
/// "name args"), and each <c>functionResponse</c> part becomes a <c>tool</c> message (ahead of
/// any text the same content carries). The model and whether to stream come from the URL.
/// </summary>
internal static class GenerateContentRequestReader
{
    public static RequestParse For(string model, bool stream) =>
        (int number, string body, out string? problem) => Read(number, body, model, stream, out problem);

    private static RecordedRequest? Read(int number, string body, string model, bool stream, out string? problem)
    {
        if (RequestBody.Parse(body, out problem) is not { } document)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Array)
            {
                problem = "the request has no \"contents\" array";
                return null;
            }
            var recorded = new List<RecordedMessage>();
            if (root.TryGetProperty("systemInstruction", out var system) && PartsText(system) is { Length: > 0 } systemText)
            {
                recorded.Add(new RecordedMessage("system", systemText, system.GetRawText()));
            }
            foreach (var content in contents.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
            {
                recorded.AddRange(ReadContent(content));
            }
            return new RecordedRequest(number, model, stream, recorded, body) { ToolNames = ToolNames(root) };
        }
    }

    private static IEnumerable<RecordedMessage> ReadContent(JsonElement content)
    {
        var role = StringOf(content, "role") switch
        {
            "model" => "assistant",
            "" => "user",
            var other => other,
        };
        var parts = Parts(content).ToList();
        foreach (var part in parts.Where(p => p.TryGetProperty("functionResponse", out _)))
        {
            var response = part.GetProperty("functionResponse");
            yield return new RecordedMessage("tool", ResponseText(response), part.GetRawText()) { ToolCallId = StringOf(response, "id") };
        }
        var rest = parts.Where(p => !p.TryGetProperty("functionResponse", out _)).ToList();
        if (rest.Count > 0 || parts.Count == 0)
        {
            var text = new StringBuilder();
            foreach (var part in rest)
            {
                var piece = part.TryGetProperty("functionCall", out var call)
                    ? $"{StringOf(call, "name")} {(call.TryGetProperty("args", out var args) ? args.GetRawText() : "{}")}"
                    : part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True ? string.Empty : StringOf(part, "text");
                if (piece.Length > 0)
                {
                    text.Append(text.Length > 0 ? "\n" : string.Empty).Append(piece);
                }
            }
            yield return new RecordedMessage(role, text.ToString(), content.GetRawText());
        }
    }

    /// <summary>A tool's output as the model reads it: the response's <c>output</c> (or <c>error</c>) text, else its JSON.</summary>
    private static string ResponseText(JsonElement functionResponse)
    {
        if (!functionResponse.TryGetProperty("response", out var response))
        {
            return string.Empty;
        }
        foreach (var key in new[] { "output", "error", "content" })
        {
            if (StringOf(response, key) is { Length: > 0 } text)
            {
                return text;
            }
        }
        return response.GetRawText();
    }

    private static string PartsText(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString()!,
        JsonValueKind.Object => string.Join("\n", Parts(content).Select(p => StringOf(p, "text")).Where(t => t.Length > 0)),
        _ => string.Empty,
    };

    private static IEnumerable<JsonElement> Parts(JsonElement content) =>
        content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array
            ? parts.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object)
            : [];

    private static List<string> ToolNames(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return tools.EnumerateArray()
            .Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("functionDeclarations", out var d) && d.ValueKind == JsonValueKind.Array)
            .SelectMany(t => t.GetProperty("functionDeclarations").EnumerateArray())
            .Select(f => StringOf(f, "name"))
            .Where(n => n.Length > 0)
            .ToList();
    }

    private static string StringOf(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : string.Empty;
}
