using System.Globalization;
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
        if (LoneSurrogate(yaml) is { } bad)
        {
            errors.Add(new SpecError(fileName, bad.Line + lineOffset, bad.Column, rootField, string.Create(CultureInfo.InvariantCulture,
                $"holds half of a UTF-16 surrogate pair (U+{(int)yaml[bad.Index]:X4}), which is no character at all; save the file as UTF-8 or remove it")));
            return false;
        }
        var reader = new Reader(new Parser(new StringReader(yaml)), lineOffset, rootField);
        try
        {
            root = reader.ReadDocument();
            return true;
        }
        catch (YamlException ex)
        {
            var message = ex is ShapeException ? ex.Message : Explain(ex.Message);
            var field = ex is DepthException depth ? depth.Field : rootField;
            errors.Add(new SpecError(fileName, (int)ex.Start.Line + lineOffset, (int)ex.Start.Column, field, message));
            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner has inputs it fails on without a YamlException; they are still
            // malformed YAML to the user, reported where reading stopped rather than as a crash.
            errors.Add(new SpecError(fileName, reader.Line + lineOffset, reader.Column, rootField,
                $"could not be read as YAML after this point ({ex.Message.TrimEnd('.')}); check the syntax and the characters here"));
            return false;
        }
    }

    /// <summary>The first UTF-16 surrogate without its other half, with its 1-based line and column; the YAML scanner cannot take one.</summary>
    private static (int Index, int Line, int Column)? LoneSurrogate(string text)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return (i, line, i - lineStart + 1);
            }
        }
        return null;
    }

    private static string Explain(string message)
    {
        var text = message.TrimEnd('.');
        var hint = text.Contains("mapping", StringComparison.OrdinalIgnoreCase)
            ? "quote values that contain ': ' (for example title: \"Fix: login\")"
            : "check the YAML syntax";
        return $"{text}; {hint}";
    }

    private sealed class Reader(IParser parser, int lineOffset, string rootField)
    {
        private readonly Dictionary<string, YamlValue> _anchors = new(StringComparer.Ordinal);

        // Each level of nesting is a level of recursion here: the depth is checked before going
        // deeper, so no input can run the stack out (which would end the process, uncatchably).
        private int _depth;

        // The top-level key whose value is being read, so a too-deep value names its field.
        private string? _field;

        /// <summary>The line of the last node begun, 1-based within the YAML: where reading stopped if it fails.</summary>
        public int Line { get; private set; } = 1;

        public int Column { get; private set; } = 1;

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
            Line = (int)start.Start.Line;
            Column = (int)start.Start.Column;
            var line = Line + lineOffset;
            var column = Column;
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
                    Enter(start);
                    parser.MoveNext();
                    value = YamlValue.Sequence(ReadItems(), line, column);
                    _depth--;
                    break;
                case MappingStart:
                    Enter(start);
                    parser.MoveNext();
                    value = YamlValue.Mapping(ReadEntries(), line, column);
                    _depth--;
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

        private void Enter(ParsingEvent start)
        {
            if (++_depth > SpecLimits.MaxYamlDepth)
            {
                throw new DepthException(start, _field ?? rootField,
                    $"nests lists or mappings more than {SpecLimits.MaxYamlDepth} levels deep (the limit); a field holds text or a list of text, so flatten it");
            }
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
                var topLevel = _depth == 1;
                if (topLevel)
                {
                    _field = key.Kind == YamlValueKind.Scalar && !key.IsNull ? key.Text : null;
                }
                entries.Add(new(key, ReadNode()));
                if (topLevel)
                {
                    _field = null;
                }
            }
            return entries;
        }
    }

    /// <summary>A well-formed YAML document that this reader still cannot take; its message already says what to do.</summary>
    private class ShapeException(ParsingEvent at, string message) : YamlException(at.Start, at.End, message);

    /// <summary>Lists or mappings nested past <see cref="SpecLimits.MaxYamlDepth"/>, inside <see cref="Field"/>.</summary>
    private sealed class DepthException(ParsingEvent at, string field, string message) : ShapeException(at, message)
    {
        public string Field { get; } = field;
    }
}
