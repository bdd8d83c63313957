using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nightshift.ScriptedModel;

/// <summary>
/// Turns a YAML document into the same JSON tree a JSON script gives, so one reader serves both.
/// Plain scalars become numbers, booleans or null where they read as such; quoted ones stay strings.
/// </summary>
internal static class YamlToJson
{
    public static JsonNode? Convert(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ScriptFormatException($"{source}: line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }
        return stream.Documents.Count == 0 ? null : Node(stream.Documents[0].RootNode);
    }

    private static JsonNode? Node(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p =>
            KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? string.Empty, Node(p.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(Node).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        return text switch
        {
            "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            // Numbers go through JSON text so they read back as any numeric type, as parsed JSON does.
            _ when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) => Number(whole.ToString(CultureInfo.InvariantCulture)),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) => Number(real.ToString("R", CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }

    private static JsonValue Number(string json) => JsonNode.Parse(json)!.AsValue();
}
