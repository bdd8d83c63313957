using System.Text.Json;

namespace Nightshift.ScriptedModel;

/// <summary>
/// Reads an OpenAI Responses request into the same <see cref="RecordedRequest"/> shape as a chat
/// request, so one script drives every API: <c>instructions</c> and developer messages read as
/// system messages, a <c>function_call</c> (or <c>custom_tool_call</c>) item as an assistant
/// message "name arguments", and its <c>…_output</c> item as a <c>tool</c> message. Items with no
/// text a rule could match (reasoning, images) are left out.
/// </summary>
internal static class ResponsesRequestReader
{
    public static RecordedRequest? Read(int number, string body, out string? problem)
    {
        if (RequestBody.Parse(body, out problem) is not { } document)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("input", out var input)
                || input.ValueKind is not (JsonValueKind.Array or JsonValueKind.String))
            {
                problem = "the request has no \"input\" (a string or a list of items)";
                return null;
            }
            var recorded = new List<RecordedMessage>();
            if (StringOf(root, "instructions") is { Length: > 0 } instructions)
            {
                recorded.Add(new RecordedMessage("system", instructions, root.GetProperty("instructions").GetRawText()));
            }
            if (input.ValueKind == JsonValueKind.String)
            {
                recorded.Add(new RecordedMessage("user", input.GetString()!, input.GetRawText()));
            }
            else
            {
                recorded.AddRange(input.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).Select(ReadItem).OfType<RecordedMessage>());
            }
            return new RecordedRequest(number, RequestBody.Model(root), RequestBody.Stream(root), recorded, body) { ToolNames = ToolNames(root) };
        }
    }

    private static RecordedMessage? ReadItem(JsonElement item)
    {
        var json = item.GetRawText();
        var callId = StringOf(item, "call_id") is { Length: > 0 } id ? id : null;
        return StringOf(item, "type") switch
        {
            "function_call" => new RecordedMessage("assistant", $"{StringOf(item, "name")} {StringOf(item, "arguments")}", json) { ToolCallId = callId },
            "custom_tool_call" => new RecordedMessage("assistant", $"{StringOf(item, "name")} {StringOf(item, "input")}", json) { ToolCallId = callId },
            "function_call_output" or "custom_tool_call_output" => new RecordedMessage("tool", OutputText(item), json) { ToolCallId = callId },
            "message" or "" when item.TryGetProperty("role", out _) => new RecordedMessage(Role(StringOf(item, "role")), ContentText(item), json),
            _ => null,
        };
    }

    /// <summary>Developer messages are the Responses API's system messages.</summary>
    private static string Role(string role) => role is "developer" or "system" ? "system" : role.Length > 0 ? role : "unknown";

    private static string ContentText(JsonElement item) =>
        item.TryGetProperty("content", out var content) ? PartsText(content) : string.Empty;

    private static string OutputText(JsonElement item) =>
        item.TryGetProperty("output", out var output) ? PartsText(output) : string.Empty;

    /// <summary>A string, or the text of a list of parts (input_text, output_text); other parts have no text to match.</summary>
    private static string PartsText(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString()!,
        JsonValueKind.Array => string.Join("\n", content.EnumerateArray().Select(p => StringOf(p, "text")).Where(t => t.Length > 0)),
        _ => string.Empty,
    };

    private static List<string> ToolNames(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        // A namespace tool (Codex offers each MCP server's tools in one) counts with the tools inside it.
        return tools.EnumerateArray()
            .SelectMany(t => t.TryGetProperty("tools", out var inner) && inner.ValueKind == JsonValueKind.Array ? inner.EnumerateArray().Prepend(t) : [t])
            .Select(t => StringOf(t, "name") is { Length: > 0 } name ? name : StringOf(t, "type"))
            .Where(n => n.Length > 0)
            .ToList();
    }

    private static string StringOf(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : string.Empty;
}
