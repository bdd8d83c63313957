using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nightshift.ScriptedModel;

/// <summary>
/// The OpenAI Responses shapes the server sends: a whole response, or the server-sent events of a
/// stream (created, each output item added, its deltas, done, then completed with usage). A call
/// to a tool the client offered only inside a namespace (as Codex offers MCP tools) carries that
/// namespace, so scripts name tools as the model sees them.
/// </summary>
internal sealed class ResponseJson(RecordedRequest request, ScriptedTurn turn, long created)
{
    private readonly Dictionary<string, string> _namespaces = Namespaces(request.BodyJson);
    private int _sequence;

    private string Id => $"resp_scripted_{request.Number}";

    private string Model => request.Model ?? ScriptedModelServer.ModelName;

    private string MessageId => $"msg_scripted_{request.Number}";

    /// <summary>Call ids are unique per request and call, so a client can pair each output with its call.</summary>
    public string CallId(int index) => $"call_scripted_{request.Number}_{index}";

    public JsonObject Response(ScriptedUsage usage) => Envelope("completed", Output(), usage);

    /// <summary>The events of a stream as (event name, data) pairs; each data's <c>type</c> is its event name.</summary>
    public IEnumerable<(string? Event, JsonObject Data)> Events(ScriptedUsage usage)
    {
        _sequence = 0;
        yield return Event("response.created", new JsonObject { ["response"] = Envelope("in_progress", [], null) });
        yield return Event("response.in_progress", new JsonObject { ["response"] = Envelope("in_progress", [], null) });
        var index = 0;
        if (!string.IsNullOrEmpty(turn.Text))
        {
            foreach (var e in TextEvents(index++, turn.Text))
            {
                yield return e;
            }
        }
        for (var i = 0; i < turn.ToolCalls.Count; i++, index++)
        {
            foreach (var e in CallEvents(index, i))
            {
                yield return e;
            }
        }
        yield return Event("response.completed", new JsonObject { ["response"] = Envelope("completed", Output(), usage) });
    }

    private IEnumerable<(string, JsonObject)> TextEvents(int index, string text)
    {
        yield return Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = Message(string.Empty, "in_progress") });
        var at = new JsonObject { ["item_id"] = MessageId, ["output_index"] = index, ["content_index"] = 0 };
        yield return Event("response.content_part.added", With(at, "part", TextPart(string.Empty)));
        foreach (var piece in CompletionJson.Pieces(text))
        {
            yield return Event("response.output_text.delta", With(at, "delta", piece));
        }
        yield return Event("response.output_text.done", With(at, "text", text));
        yield return Event("response.content_part.done", With(at, "part", TextPart(text)));
        yield return Event("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = Message(text, "completed") });
    }

    private IEnumerable<(string, JsonObject)> CallEvents(int index, int call)
    {
        var arguments = turn.ToolCalls[call].ArgumentsJson;
        yield return Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = FunctionCall(call, string.Empty, "in_progress") });
        var at = new JsonObject { ["item_id"] = $"fc_scripted_{request.Number}_{call}", ["output_index"] = index };
        foreach (var piece in CompletionJson.Pieces(arguments))
        {
            yield return Event("response.function_call_arguments.delta", With(at, "delta", piece));
        }
        yield return Event("response.function_call_arguments.done", With(at, "arguments", arguments));
        yield return Event("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = FunctionCall(call, arguments, "completed") });
    }

    private JsonArray Output()
    {
        var output = new JsonArray();
        if (!string.IsNullOrEmpty(turn.Text))
        {
            output.Add(Message(turn.Text, "completed"));
        }
        for (var i = 0; i < turn.ToolCalls.Count; i++)
        {
            output.Add(FunctionCall(i, turn.ToolCalls[i].ArgumentsJson, "completed"));
        }
        return output;
    }

    private JsonObject Message(string text, string status) => new()
    {
        ["id"] = MessageId,
        ["type"] = "message",
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = text.Length == 0 ? new JsonArray() : new JsonArray(TextPart(text)),
    };

    private JsonObject FunctionCall(int index, string arguments, string status)
    {
        var name = turn.ToolCalls[index].Name;
        var call = new JsonObject
        {
            ["id"] = $"fc_scripted_{request.Number}_{index}",
            ["type"] = "function_call",
            ["status"] = status,
            ["call_id"] = CallId(index),
            ["name"] = name,
            ["arguments"] = arguments,
        };
        if (_namespaces.TryGetValue(name, out var space))
        {
            call["namespace"] = space;
        }
        return call;
    }

    /// <summary>Tools offered only inside a namespace tool, by name, with their namespace.</summary>
    private static Dictionary<string, string> Namespaces(string body)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(body);
        if (!document.RootElement.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            return found;
        }
        var topLevel = tools.EnumerateArray().Select(t => Name(t)).ToHashSet(StringComparer.Ordinal);
        foreach (var space in tools.EnumerateArray().Where(t => Name(t, "type") == "namespace"))
        {
            if (!space.TryGetProperty("tools", out var inner) || inner.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var name in inner.EnumerateArray().Select(t => Name(t)).Where(n => n.Length > 0 && !topLevel.Contains(n)))
            {
                found.TryAdd(name, Name(space));
            }
        }
        return found;
    }

    private static string Name(JsonElement tool, string property = "name") =>
        tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private static JsonObject TextPart(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    private JsonObject Envelope(string status, JsonArray output, ScriptedUsage? usage) => new()
    {
        ["id"] = Id,
        ["object"] = "response",
        ["created_at"] = created,
        ["status"] = status,
        ["model"] = Model,
        ["output"] = output,
        ["usage"] = usage is null ? null : Usage(usage),
    };

    private static JsonObject Usage(ScriptedUsage usage) => new()
    {
        ["input_tokens"] = usage.InputTokens,
        ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
        ["output_tokens"] = usage.OutputTokens,
        ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
        ["total_tokens"] = usage.TotalTokens,
    };

    private (string, JsonObject) Event(string name, JsonObject data)
    {
        var e = new JsonObject { ["type"] = name, ["sequence_number"] = _sequence++ };
        foreach (var (key, value) in data.ToList())
        {
            data.Remove(key);
            e[key] = value;
        }
        return (name, e);
    }

    private static JsonObject With(JsonObject at, string key, JsonNode value)
    {
        var copy = (JsonObject)at.DeepClone();
        copy[key] = value;
        return copy;
    }
}
