using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Nightshift.Core.Specs;

/// <summary>
/// Reads one YAML document into <see cref="YamlValue"/> nodes with YamlDotNet's event parser.
/// The representation model stops at the first duplicate key; reading events ourselves keeps
/// duplicates so <see cref="YamlFields"/> can report every one of them.
/// </summary>
internal static class YamlReader
{
    /// <summary>
    /// Returns false when the YAML is malformed (the error is added). On success <paramref name="root"/>
    /// is null for a document with no content (empty, or comments only). <paramref name="lineOffset"/>
    /// counts the file lines before the YAML and is added to every reported line.
    /// </summary>
    public static bool TryRead(string yaml, int lineOffset, string fileName, string rootField, List<SpecError> errors, out YamlValue? root)
    {
        root = null;
        var reader = new Reader(new Parser(new StringReader(yaml)), lineOffset);
        try
        {
            root = reader.ReadDocument();
            return true;
        }
        catch (YamlException ex)
        {
            var message = ex is ShapeException ? ex.Message : Explain(ex.Message);
            errors.Add(new SpecError(fileName, (int)ex.Start.Line + lineOffset, (int)ex.Start.Column, rootField, message));
            return false;
        }
    }

    private static string Explain(string message)
    {
        var text = message.TrimEnd('.');
        var hint = text.Contains("mapping", StringComparison.OrdinalIgnoreCase)
            ? "quote values that contain ': ' (for example title: \"Fix: login\")"
            : "check the YAML syntax";
        return $"{text}; {hint}";
    }

    private sealed class Reader(IParser parser, int lineOffset)
    {
        private readonly Dictionary<string, YamlValue> _anchors = new(StringComparer.Ordinal);

        public YamlValue? ReadDocument()
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = ReadNode();
            parser.Consume<DocumentEnd>();
            if (parser.Current is DocumentStart second)
            {
                throw new ShapeException(second, "found a second YAML document; keep all fields in one document and remove the extra '---' or '...'");
            }
            parser.Consume<StreamEnd>();
            return root;
        }

        private YamlValue ReadNode()
        {
            var start = parser.Current ?? throw new YamlException("Unexpected end of YAML");
            var line = (int)start.Start.Line + lineOffset;
            var column = (int)start.Start.Column;
            YamlValue value;
            switch (start)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    return _anchors.TryGetValue(alias.Value.Value, out var anchored)
                        ? anchored
                        : throw new ShapeException(alias, $"the alias '*{alias.Value.Value}' has no anchor '&{alias.Value.Value}' before it; define the anchor first or write the value out");
                case Scalar scalar:
                    parser.MoveNext();
                    value = YamlValue.Scalar(scalar.Value, scalar.Style == ScalarStyle.Plain, line, column);
                    break;
                case SequenceStart:
                    parser.MoveNext();
                    value = YamlValue.Sequence(ReadItems(), line, column);
                    break;
                case MappingStart:
                    parser.MoveNext();
                    value = YamlValue.Mapping(ReadEntries(), line, column);
                    break;
                default:
                    throw new ShapeException(start, $"unexpected {start.GetType().Name} in the YAML; check the syntax");
            }
            if (start is NodeEvent { Anchor.IsEmpty: false } node)
            {
                _anchors[node.Anchor.Value] = value;
            }
            return value;
        }

        private List<YamlValue> ReadItems()
        {
            var items = new List<YamlValue>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode());
            }
            return items;
        }

        private List<KeyValuePair<YamlValue, YamlValue>> ReadEntries()
        {
            var entries = new List<KeyValuePair<YamlValue, YamlValue>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode();
                entries.Add(new(key, ReadNode()));
            }
            return entries;
        }
    }

    /// <summary>A well-formed YAML document that this reader still cannot take; its message already says what to do.</summary>
    private sealed class ShapeException(ParsingEvent at, string message) : YamlException(at.Start, at.End, message);
}
