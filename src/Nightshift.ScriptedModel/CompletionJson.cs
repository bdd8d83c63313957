using System.Text.Json.Nodes;

namespace Nightshift.ScriptedModel;

/// <summary>The OpenAI chat-completions shapes the server sends: a whole completion, or stream chunks.</summary>
internal sealed class CompletionJson(RecordedRequest request, ScriptedTurn turn, long created)
{
    /// <summary>Streamed text and arguments are cut in pieces this long, so clients must join deltas.</summary>
    private const int PieceLength = 12;

    private string Id => $"chatcmpl-scripted-{request.Number}";

    private string Model => request.Model ?? "scripted";

    private string FinishReason => turn.ToolCalls.Count > 0 ? "tool_calls" : "stop";

    public JsonObject Completion(ScriptedUsage usage)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = turn.Text };
        if (turn.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray(turn.ToolCalls.Select((c, i) => (JsonNode)ToolCall(c, i, c.ArgumentsJson)).ToArray());
        }
        var choice = new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = FinishReason };
        var completion = Envelope("chat.completion", choice);
        completion["usage"] = Usage(usage);
        return completion;
    }

    public IEnumerable<JsonObject> Chunks(ScriptedUsage usage)
    {
        yield return Chunk(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null);
        foreach (var piece in Pieces(turn.Text ?? string.Empty))
        {
            yield return Chunk(new JsonObject { ["content"] = piece }, null);
        }
        for (var i = 0; i < turn.ToolCalls.Count; i++)
        {
            var call = turn.ToolCalls[i];
            yield return Chunk(new JsonObject { ["tool_calls"] = new JsonArray(ToolCall(call, i, string.Empty)) }, null);
            foreach (var piece in Pieces(call.ArgumentsJson))
            {
                var delta = new JsonObject { ["index"] = i, ["function"] = new JsonObject { ["arguments"] = piece } };
                yield return Chunk(new JsonObject { ["tool_calls"] = new JsonArray(delta) }, null);
            }
        }
        yield return Chunk(new JsonObject(), FinishReason);
        var last = Envelope("chat.completion.chunk");
        last["usage"] = Usage(usage);
        yield return last;
    }

    private JsonObject ToolCall(ScriptedToolCall call, int index, string arguments) => new()
    {
        ["index"] = index,
        ["id"] = $"call_{request.Number}_{index}",
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = arguments },
    };

    private JsonObject Chunk(JsonObject delta, string? finishReason) =>
        Envelope("chat.completion.chunk", new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason });

    private JsonObject Envelope(string kind, params JsonObject[] choices) => new()
    {
        ["id"] = Id,
        ["object"] = kind,
        ["created"] = created,
        ["model"] = Model,
        ["choices"] = new JsonArray(choices.Select(c => (JsonNode)c).ToArray()),
    };

    private static JsonObject Usage(ScriptedUsage usage) => new()
    {
        ["prompt_tokens"] = usage.InputTokens,
        ["completion_tokens"] = usage.OutputTokens,
        ["total_tokens"] = usage.TotalTokens,
    };

    internal static IEnumerable<string> Pieces(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(start + PieceLength, text.Length);
            if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
            {
                end++; // never split a surrogate pair: each piece must be valid UTF-16 on its own
            }
            yield return text[start..end];
            start = end;
        }
    }
}
