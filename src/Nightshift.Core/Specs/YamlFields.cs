using System.Globalization;

namespace Nightshift.Core.Specs;

/// <summary>
/// The top-level mapping of a spec's front matter or a project file, checked against the known
/// keys, with typed reads that record a <see cref="SpecError"/> (file, line, column, key) for every
/// problem instead of stopping at the first.
/// </summary>
internal sealed class YamlFields
{
    private readonly string _fileName;
    private readonly List<SpecError> _errors;
    private readonly Dictionary<string, KeyValuePair<YamlValue, YamlValue>> _entries = new(StringComparer.Ordinal);

    public YamlFields(YamlValue? root, IReadOnlyList<string> knownKeys, string rootField, string fileName, List<SpecError> errors)
    {
        _fileName = fileName;
        _errors = errors;
        IsMapping = root is null || root.Kind == YamlValueKind.Mapping;
        if (root is null)
        {
            return;
        }
        if (root.Kind != YamlValueKind.Mapping)
        {
            Error(root, rootField, $"must be 'key: value' lines, one field per line, not {root.Shape}");
            return;
        }
        foreach (var entry in root.Entries)
        {
            var key = entry.Key;
            if (key.Kind != YamlValueKind.Scalar || key.IsNull)
            {
                Error(key, rootField, $"a key must be a field name, not {key.Shape}");
            }
            else if (!knownKeys.Contains(key.Text, StringComparer.Ordinal))
            {
                var hint = ClosestName.Find(key.Text, knownKeys) is { } match
                    ? $"did you mean '{match}'?"
                    : $"known fields: {string.Join(", ", knownKeys)}";
                Error(key, key.Text, $"'{key.Text}' is not a known field; {hint}");
            }
            else if (_entries.TryGetValue(key.Text, out var first))
            {
                Error(key, key.Text, $"is set twice (first on line {first.Key.Line}); keep one and remove the other");
            }
            else
            {
                _entries.Add(key.Text, entry);
            }
        }
    }

    /// <summary>False when the root is not a mapping, so no field could be read at all.</summary>
    public bool IsMapping { get; }

    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>Where the key itself is written; for errors about the field as a whole.</summary>
    public YamlValue? KeyOf(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key : null;

    /// <summary>A non-blank scalar; single-line values come back trimmed.</summary>
    public string? Text(string key, bool singleLine = true)
    {
        if (Scalar(key) is not { } value)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(value.Text))
        {
            Error(value, key, "is empty; give it a value or remove the line");
            return null;
        }
        if (!singleLine)
        {
            return value.Text;
        }
        var text = value.Text.Trim();
        if (text.Contains('\n', StringComparison.Ordinal))
        {
            Error(value, key, "must be on one line; join the lines or shorten it");
            return null;
        }
        return text;
    }

    /// <summary>
    /// A list of non-blank scalars. A single scalar counts as a list of one and a key with no value
    /// as an empty list. Bad entries are reported and left out.
    /// </summary>
    public IReadOnlyList<YamlValue>? Items(string key, string itemNoun)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }
        var value = entry.Value;
        switch (value.Kind)
        {
            case YamlValueKind.Mapping:
                Error(value, key, $"must be a list of {itemNoun}s (lines starting with '- '), not {value.Shape}");
                return null;
            case YamlValueKind.Scalar when value.IsNull:
                return [];
            case YamlValueKind.Scalar:
                return ItemsOf(key, [value], itemNoun);
            default:
                return ItemsOf(key, value.Items, itemNoun);
        }
    }

    public IReadOnlyList<string>? TextList(string key, string itemNoun) =>
        Items(key, itemNoun)?.Select(item => item.Text.Trim()).ToList();

    public int? Integer(string key, int min, int max)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }
        var value = _entries[key].Value;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Error(value, key, $"'{text}' is not a whole number; use a number from {min} to {max}");
            return null;
        }
        if (number < min || number > max)
        {
            Error(value, key, $"{number} is out of range; use a number from {min} to {max}");
            return null;
        }
        return number;
    }

    /// <summary>One of a few named values, matched ignoring case.</summary>
    public T? Choice<T>(string key, string noun, IReadOnlyList<string> names)
        where T : struct, Enum
    {
        if (Text(key) is not { } text)
        {
            return null;
        }
        var match = names.FirstOrDefault(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Error(_entries[key].Value, key, $"'{text}' is not {noun}; use {ClosestName.OneOf(names)}");
            return null;
        }
        return Enum.Parse<T>(match, ignoreCase: true);
    }

    public YamlValue ValueOf(string key) => _entries[key].Value;

    public void Error(YamlValue at, string field, string message) =>
        _errors.Add(new SpecError(_fileName, at.Line, at.Column, field, message));

    private YamlValue? Scalar(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }
        var value = entry.Value;
        if (value.Kind != YamlValueKind.Scalar)
        {
            Error(value, key, $"must be a single value, not {value.Shape}");
            return null;
        }
        if (value.IsNull)
        {
            // A key with nothing after it has no useful value position; point at the key.
            Error(entry.Key, key, "has no value; give it one or remove the line");
            return null;
        }
        return value;
    }

    private List<YamlValue> ItemsOf(string key, IReadOnlyList<YamlValue> items, string itemNoun)
    {
        var good = new List<YamlValue>();
        foreach (var item in items)
        {
            if (item.Kind != YamlValueKind.Scalar)
            {
                Error(item, key, $"each entry must be {Article(itemNoun)} {itemNoun}, not {item.Shape}; quote it if it contains ': '");
            }
            else if (item.IsNull || string.IsNullOrWhiteSpace(item.Text))
            {
                Error(item, key, "has an empty entry; remove it or write a value (a '#' starts a comment, so quote it)");
            }
            else
            {
                good.Add(item);
            }
        }
        return good;
    }

    private static string Article(string noun) => noun.Length > 0 && "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";
}
