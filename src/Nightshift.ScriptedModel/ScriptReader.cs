using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nightshift.ScriptedModel;

/// <summary>Reads the script tree that <see cref="ScriptFile"/> parsed; every error names the source and the field's path.</summary>
internal sealed class ScriptReader(string source)
{
    private static readonly string[] Conditions = ["request", "lastUser", "lastToolResult", "anyMessage", "lastMessage", "always"];
    private static readonly string[] RuleKeys = ["when", "reply", "once"];
    private static readonly string[] ReplyKeys = ["text", "toolCalls", "delayMs", "usage"];

    public static Script Read(JsonNode? root, string source) => new ScriptReader(source).Script(root);

    private Script Script(JsonNode? root)
    {
        var rules = root switch
        {
            JsonObject o when o["rules"] is JsonArray list => list,
            JsonArray list => list,
            _ => throw Error("(root)", "expected an object with a \"rules\" list"),
        };
        return new Script(rules.Select((r, i) => Rule(r, $"rules[{i}]")).ToList());
    }

    private ScriptRule Rule(JsonNode? node, string path)
    {
        var rule = Object(node, path, RuleKeys);
        var once = rule["once"] is { } o ? Value<bool>(o, $"{path}.once") : false;
        return new ScriptRule(When(rule["when"], $"{path}.when"), Reply(rule["reply"], $"{path}.reply"), once);
    }

    private RequestMatch When(JsonNode? node, string path)
    {
        if (node is null)
        {
            return RequestMatch.Always;
        }
        var matches = Object(node, path, Conditions).Select(p => p.Key switch
        {
            "request" => RequestMatch.RequestNumber(Value<int>(p.Value, $"{path}.request")),
            "lastUser" => RequestMatch.LastUserContains(Value<string>(p.Value, $"{path}.lastUser")),
            "lastToolResult" => RequestMatch.LastToolResultContains(Value<string>(p.Value, $"{path}.lastToolResult")),
            "anyMessage" => RequestMatch.AnyMessageContains(Value<string>(p.Value, $"{path}.anyMessage")),
            "lastMessage" => RequestMatch.LastMessageContains(Value<string>(p.Value, $"{path}.lastMessage")),
            _ => Value<bool>(p.Value, $"{path}.always") ? RequestMatch.Always : throw Error($"{path}.always", "only `always: true` means anything"),
        }).ToList();
        return matches.Count == 0 ? RequestMatch.Always : matches.Aggregate((a, b) => a.And(b));
    }

    private ScriptedTurn Reply(JsonNode? node, string path)
    {
        var reply = Object(node, path, ReplyKeys);
        var calls = reply["toolCalls"] switch
        {
            null => [],
            JsonArray list => list.Select((c, i) => ToolCall(c, $"{path}.toolCalls[{i}]")).ToList(),
            _ => throw Error($"{path}.toolCalls", "expected a list of {name, arguments}"),
        };
        var text = reply["text"] is { } t ? Value<string>(t, $"{path}.text") : null;
        if (text is null && calls.Count == 0)
        {
            throw Error(path, "a reply needs text, toolCalls or both");
        }
        var delay = reply["delayMs"] is { } d ? Value<int>(d, $"{path}.delayMs") : 0;
        return new ScriptedTurn { Text = text, ToolCalls = calls, Delay = TimeSpan.FromMilliseconds(delay), Usage = Usage(reply["usage"], $"{path}.usage") };
    }

    private ScriptedToolCall ToolCall(JsonNode? node, string path)
    {
        var call = Object(node, path, ["name", "arguments"]);
        var name = call["name"] is { } n ? Value<string>(n, $"{path}.name") : throw Error($"{path}.name", "a tool call needs a name");
        var arguments = call["arguments"] switch
        {
            null => "{}",
            JsonObject args => args.ToJsonString(),
            // A string is sent as written: scripts can test what a client does with malformed arguments.
            JsonValue raw when raw.GetValueKind() == JsonValueKind.String => raw.GetValue<string>(),
            _ => throw Error($"{path}.arguments", "expected an object (or a JSON string)"),
        };
        return new ScriptedToolCall(name, arguments);
    }

    private ScriptedUsage? Usage(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }
        var usage = Object(node, path, ["input", "output"]);
        return new ScriptedUsage(
            usage["input"] is { } i ? Value<int>(i, $"{path}.input") : 0,
            usage["output"] is { } o ? Value<int>(o, $"{path}.output") : 0);
    }

    private JsonObject Object(JsonNode? node, string path, IReadOnlyCollection<string> allowed)
    {
        if (node is not JsonObject obj)
        {
            throw Error(path, $"expected an object with {string.Join(", ", allowed)}");
        }
        if (obj.Select(p => p.Key).FirstOrDefault(k => !allowed.Contains(k)) is { } unknown)
        {
            throw Error($"{path}.{unknown}", $"unknown key; use {string.Join(", ", allowed)}");
        }
        return obj;
    }

    private T Value<T>(JsonNode? node, string path)
    {
        try
        {
            return node is null ? throw new InvalidOperationException("null") : node.GetValue<T>();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw Error(path, $"expected {(typeof(T) == typeof(string) ? "text" : typeof(T).Name.ToLowerInvariant())}, got {node?.ToJsonString() ?? "null"}");
        }
    }

    private ScriptFormatException Error(string path, string problem) => new($"{source}: {path}: {problem}");
}
