using System.Text.Json.Nodes;

namespace Nightshift.ScriptedModel;

/// <summary>
/// The Gemini API shapes the server sends: one <c>GenerateContentResponse</c>, or the chunks of a
/// stream, each a whole response with a piece of the candidate's parts. Function calls are never
/// split (the API sends each in one chunk); text is, so clients must join it.
/// </summary>
internal sealed class GenerateContentJson(RecordedRequest request, ScriptedTurn turn)
{
    private string Model => request.Model ?? ScriptedModelServer.ModelName;

    public JsonObject Response(ScriptedUsage usage)
    {
        var parts = new JsonArray();
        if (!string.IsNullOrEmpty(turn.Text))
        {
            parts.Add(new JsonObject { ["text"] = turn.Text });
        }
        for (var i = 0; i < turn.ToolCalls.Count; i++)
        {
            parts.Add(FunctionCall(i));
        }
        return Envelope(parts, finished: true, usage);
    }

    public IEnumerable<JsonObject> Chunks(ScriptedUsage usage)
    {
        var pieces = CompletionJson.Pieces(turn.Text ?? string.Empty).ToList();
        var last = turn.ToolCalls.Count == 0 ? pieces.Count - 1 : -1;
        for (var i = 0; i < pieces.Count; i++)
        {
            yield return Envelope(new JsonArray(new JsonObject { ["text"] = pieces[i] }), finished: i == last, i == last ? usage : null);
        }
        for (var i = 0; i < turn.ToolCalls.Count; i++)
        {
            var done = i == turn.ToolCalls.Count - 1;
            yield return Envelope(new JsonArray(FunctionCall(i)), done, done ? usage : null);
        }
        if (pieces.Count == 0 && turn.ToolCalls.Count == 0)
        {
            yield return Envelope(new JsonArray(new JsonObject { ["text"] = string.Empty }), finished: true, usage);
        }
    }

    private JsonObject FunctionCall(int index) => new()
    {
        ["functionCall"] = new JsonObject
        {
            ["id"] = $"call_scripted_{request.Number}_{index}",
            ["name"] = turn.ToolCalls[index].Name,
            ["args"] = JsonNode.Parse(turn.ToolCalls[index].ArgumentsJson) ?? new JsonObject(),
        },
    };

    private JsonObject Envelope(JsonArray parts, bool finished, ScriptedUsage? usage)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["role"] = "model", ["parts"] = parts },
            ["index"] = 0,
        };
        if (finished)
        {
            candidate["finishReason"] = "STOP";
        }
        var response = new JsonObject
        {
            ["candidates"] = new JsonArray(candidate),
            ["modelVersion"] = Model,
            ["responseId"] = $"scripted-{request.Number}",
        };
        if (usage is not null)
        {
            response["usageMetadata"] = new JsonObject
            {
                ["promptTokenCount"] = usage.InputTokens,
                ["candidatesTokenCount"] = usage.OutputTokens,
                ["totalTokenCount"] = usage.TotalTokens,
            };
        }
        return response;
    }
}
