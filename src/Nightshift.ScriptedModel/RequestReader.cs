using System.Text;
using System.Text.Json;

namespace Nightshift.ScriptedModel;

/// <summary>Reads an OpenAI chat-completions request body into a <see cref="RecordedRequest"/>.</summary>
internal static class RequestReader
{
    /// <summary>Null with <paramref name="problem"/> set when the body is not a chat request.</summary>
    public static RecordedRequest? Read(int number, string body, out string? problem)
    {
        using var document = RequestBody.Open(body, out var messages, out problem);
        if (document is null)
        {
            return null;
        }
        var root = document.RootElement;
        var model = RequestBody.Model(root);
        var stream = RequestBody.Stream(root);
        return new RecordedRequest(number, model, stream, messages.EnumerateArray().Select(ReadMessage).ToList(), body)
        {
            ToolNames = ToolNames(root),
        };
    }

    private static RecordedMessage ReadMessage(JsonElement message)
    {
        var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "unknown";
        var text = new StringBuilder(ContentText(message));
        if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                if (call.TryGetProperty("function", out var function))
                {
                    text.Append(text.Length > 0 ? "\n" : string.Empty)
                        .Append(StringOf(function, "name")).Append(' ').Append(StringOf(function, "arguments"));
                }
            }
        }
        return new RecordedMessage(role, text.ToString(), message.GetRawText())
        {
            ToolCallId = message.TryGetProperty("tool_call_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
        };
    }

    private static string ContentText(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }
        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString()!,
            // Content parts: only the text parts are read; images and files have no text to match.
            JsonValueKind.Array => string.Join("\n", content.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                .Select(p => p.GetProperty("text").GetString())),
            _ => string.Empty,
        };
    }

    private static List<string> ToolNames(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return tools.EnumerateArray()
            .Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("function", out _))
            .Select(t => StringOf(t.GetProperty("function"), "name"))
            .ToList();
    }

    private static string StringOf(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : string.Empty;
}
