namespace Nightshift.Core.Specs;

/// <summary>
/// A YAML node with its position in the file (1-based, already shifted to file lines), so every
/// field error can name line and column. Scalars keep their raw text: no YAML 1.1 coercion, so
/// <c>plan: off</c> stays "off" and <c>name: 007</c> stays "007".
/// </summary>
internal sealed class YamlValue
{
    private YamlValue(YamlValueKind kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    public YamlValueKind Kind { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The scalar's text; empty for lists and mappings.</summary>
    public string Text { get; private init; } = string.Empty;

    /// <summary>True for a plain scalar that YAML reads as null: nothing, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull { get; private init; }

    public IReadOnlyList<YamlValue> Items { get; private init; } = [];

    public IReadOnlyList<KeyValuePair<YamlValue, YamlValue>> Entries { get; private init; } = [];

    /// <summary>How the value reads in a message: "a list", "a mapping", "nothing" or "text".</summary>
    public string Shape => Kind switch
    {
        YamlValueKind.Sequence => "a list",
        YamlValueKind.Mapping => "a mapping (key: value pairs)",
        _ when IsNull => "nothing",
        _ => "text",
    };

    public static YamlValue Scalar(string text, bool isPlain, int line, int column) =>
        new(YamlValueKind.Scalar, line, column) { Text = text, IsNull = isPlain && text is "" or "~" or "null" or "Null" or "NULL" };

    public static YamlValue Sequence(IReadOnlyList<YamlValue> items, int line, int column) =>
        new(YamlValueKind.Sequence, line, column) { Items = items };

    public static YamlValue Mapping(IReadOnlyList<KeyValuePair<YamlValue, YamlValue>> entries, int line, int column) =>
        new(YamlValueKind.Mapping, line, column) { Entries = entries };
}
