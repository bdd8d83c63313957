using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nightshift.ScriptedModel;

/// <summary>
/// Loads a <see cref="Script"/> from JSON or YAML of this shape:
/// <code>
/// rules:
///   - when: { request: 1 }            # or lastUser, lastToolResult, anyMessage, lastMessage, always: true
///     once: true
///     reply:
///       text: Reading the notes.
///       toolCalls:
///         - name: read_file
///           arguments: { path: notes.txt }
///       delayMs: 0
///       usage: { input: 100, output: 20 }
/// </code>
/// Several conditions under one <c>when</c> must all hold; no <c>when</c> matches every request.
/// </summary>
public static class ScriptFile
{
    /// <summary>Reads a file; <c>.json</c> is JSON, anything else is YAML (JSON is YAML too).</summary>
    public static async Task<Script> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ParseJson(text, path) : ParseYaml(text, path);
    }

    public static Script ParseJson(string json, string source = "script")
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ScriptFormatException($"{source}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
        return ScriptReader.Read(root, source);
    }

    public static Script ParseYaml(string yaml, string source = "script") => ScriptReader.Read(YamlToJson.Convert(yaml, source), source);
}
