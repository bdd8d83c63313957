using System.Text;
using System.Text.Json;

namespace Nightshift.ScriptedModel;

/// <summary>
/// Reads an Anthropic Messages request into the same <see cref="RecordedRequest"/> shape as a chat
/// request, so one script drives both APIs: the top-level <c>system</c> becomes a system message,
/// each <c>tool_result</c> block becomes a <c>tool</c> message (ahead of any text the same user
/// message carries), and an assistant's <c>tool_use</c> blocks read as "name input".
/// </summary>
internal static class MessagesRequestReader
{
    public static RecordedRequest? Read(int number, string body, out string? problem)
    {
        using var document = RequestBody.Open(body, out var messages, out problem);
        if (document is null)
        {
            return null;
        }
        var root = document.RootElement;
        var recorded = new List<RecordedMessage>();
        if (root.TryGetProperty("system", out var system) && BlocksText(system) is { Length: > 0 } systemText)
        {
            recorded.Add(new RecordedMessage("system", systemText, system.GetRawText()));
        }
        foreach (var message in messages.EnumerateArray())
        {
            recorded.AddRange(ReadMessage(message));
        }
        var model = RequestBody.Model(root);
        var stream = RequestBody.Stream(root);
        return new RecordedRequest(number, model, stream, recorded, body) { ToolNames = ToolNames(root) };
    }

    private static IEnumerable<RecordedMessage> ReadMessage(JsonElement message)
    {
        var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "unknown";
        if (!message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            yield return new RecordedMessage(role, BlocksText(content), message.GetRawText());
            yield break;
        }
        var blocks = content.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object).ToList();
        foreach (var result in blocks.Where(b => TypeOf(b) == "tool_result"))
        {
            var text = result.TryGetProperty("content", out var c) ? BlocksText(c) : string.Empty;
            yield return new RecordedMessage("tool", text, result.GetRawText()) { ToolCallId = StringOf(result, "tool_use_id") };
        }
        var rest = blocks.Where(b => TypeOf(b) != "tool_result").ToList();
        if (rest.Count > 0 || blocks.Count == 0)
        {
            var text = new StringBuilder();
            foreach (var block in rest)
            {
                var piece = TypeOf(block) switch
                {
                    "text" => StringOf(block, "text"),
                    "tool_use" => $"{StringOf(block, "name")} {(block.TryGetProperty("input", out var input) ? input.GetRawText() : "{}")}",
                    _ => string.Empty, // thinking, images and documents have no text a rule matches on
                };
                if (piece.Length > 0)
                {
                    text.Append(text.Length > 0 ? "\n" : string.Empty).Append(piece);
                }
            }
            yield return new RecordedMessage(role, text.ToString(), message.GetRawText());
        }
    }

    /// <summary>The text of a string or of an array of blocks (only <c>text</c> blocks count).</summary>
    private static string BlocksText(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString()!,
        JsonValueKind.Array => string.Join("\n", content.EnumerateArray()
            .Where(b => TypeOf(b) == "text")
            .Select(b => StringOf(b, "text"))),
        _ => string.Empty,
    };

    private static List<string> ToolNames(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return tools.EnumerateArray().Select(t => StringOf(t, "name")).Where(n => n.Length > 0).ToList();
    }

    private static string TypeOf(JsonElement block) => StringOf(block, "type");

    private static string StringOf(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : string.Empty;
}
