using System.Text.Json.Nodes;

namespace Nightshift.ScriptedModel;

/// <summary>The Anthropic Messages shapes the server sends: a whole message, or the server-sent events of a stream.</summary>
internal sealed class MessageJson(RecordedRequest request, ScriptedTurn turn)
{
    private string Id => $"msg_scripted_{request.Number}";

    private string Model => request.Model ?? ScriptedModelServer.ModelName;

    private string StopReason => turn.ToolCalls.Count > 0 ? "tool_use" : "end_turn";

    /// <summary>Tool-use ids are unique per request and call, so a client can pair each result with its call.</summary>
    public string ToolUseId(int index) => $"toolu_scripted_{request.Number}_{index}";

    public JsonObject Message(ScriptedUsage usage)
    {
        var content = new JsonArray();
        if (!string.IsNullOrEmpty(turn.Text))
        {
            content.Add(new JsonObject { ["type"] = "text", ["text"] = turn.Text });
        }
        for (var i = 0; i < turn.ToolCalls.Count; i++)
        {
            content.Add(ToolUse(i, JsonNode.Parse(turn.ToolCalls[i].ArgumentsJson) ?? new JsonObject()));
        }
        var message = Envelope(content, StopReason);
        message["usage"] = Usage(usage.InputTokens, usage.OutputTokens);
        return message;
    }

    /// <summary>The events of a stream as (event name, data) pairs, in the order the API sends them.</summary>
    public IEnumerable<(string? Event, JsonObject Data)> Events(ScriptedUsage usage)
    {
        var start = Envelope([], null);
        start["usage"] = Usage(usage.InputTokens, 1);
        yield return ("message_start", new JsonObject { ["type"] = "message_start", ["message"] = start });
        var index = 0;
        if (!string.IsNullOrEmpty(turn.Text))
        {
            yield return BlockStart(index, new JsonObject { ["type"] = "text", ["text"] = string.Empty });
            foreach (var piece in CompletionJson.Pieces(turn.Text))
            {
                yield return BlockDelta(index, new JsonObject { ["type"] = "text_delta", ["text"] = piece });
            }
            yield return BlockStop(index++);
        }
        for (var i = 0; i < turn.ToolCalls.Count; i++, index++)
        {
            yield return BlockStart(index, ToolUse(i, new JsonObject()));
            foreach (var piece in CompletionJson.Pieces(turn.ToolCalls[i].ArgumentsJson))
            {
                yield return BlockDelta(index, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece });
            }
            yield return BlockStop(index);
        }
        yield return ("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = usage.OutputTokens },
        });
        yield return ("message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    private JsonObject ToolUse(int index, JsonNode input) => new()
    {
        ["type"] = "tool_use",
        ["id"] = ToolUseId(index),
        ["name"] = turn.ToolCalls[index].Name,
        ["input"] = input,
    };

    private JsonObject Envelope(JsonArray content, string? stopReason) => new()
    {
        ["id"] = Id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = Model,
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
    };

    private static (string, JsonObject) BlockStart(int index, JsonObject block) =>
        ("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = index, ["content_block"] = block });

    private static (string, JsonObject) BlockDelta(int index, JsonObject delta) =>
        ("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = delta });

    private static (string, JsonObject) BlockStop(int index) =>
        ("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index });

    private static JsonObject Usage(int input, int output) => new()
    {
        ["input_tokens"] = input,
        ["output_tokens"] = output,
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = 0,
    };
}
