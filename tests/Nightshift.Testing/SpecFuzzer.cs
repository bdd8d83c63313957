using System.Text;

namespace Nightshift.Testing;

/// <summary>
/// Makes task specs at random from a fixed seed, so a failure is reproduced by its seed and index:
/// any structure (front matter or none, known and unknown keys, flow and block lists, mappings,
/// anchors and aliases, block scalars), any depth (now and then tens of thousands of levels), any
/// size (now and then past the spec limit), and any text (Unicode, control characters, broken fences).
/// </summary>
public sealed class SpecFuzzer(int seed, int maxSpecChars)
{
    private static readonly string[] Fields =
        ["title", "name", "agent", "model", "priority", "base", "depends_on", "command", "checks", "plan", "max_retries", "timeout", "labels"];

    private static readonly string[] Words =
        ["make", "test", "main", "high", "off", "required", "command", "builtin", "30m", "3", "-1", "null", "~", "yes", "0x1F", "1e9",
         "feature/x", "a..b", "Fix: login", "dotnet test", "echo hi > out.txt", "ünïcödé", "日本語のタイトル", "🙂🚀", "עברית", "e\u0301",
         "\u200B", "\uFEFF", "\\", "\"", "'", "#", "&a", "*a", "!!str", "%TAG", "@", "`", "|", ">", "- x", "? k", ": v", "{", "}", "[", "]", ","];

    private const string Odd = "\u007F\u0085\u00A0\u2028\u2029\uFFFE\uFFFF";
    private const string Indicators = ":#&*!|>'\"%@`{}[],-?";

    private readonly Random _random = new(seed);

    public string Next()
    {
        var text = new StringBuilder();
        if (Chance(0.05))
        {
            text.Append('\uFEFF');
        }
        if (Chance(0.85))
        {
            text.Append(Chance(0.05) ? "--- \n" : "---\n");
            var fields = _random.Next(0, 9);
            for (var i = 0; i < fields; i++)
            {
                text.Append(Key()).Append(':').Append(Chance(0.9) ? " " : string.Empty).Append(Value(0)).Append('\n');
            }
            if (Chance(0.92))
            {
                text.Append(Chance(0.03) ? "...\n" : "---\n");
            }
        }
        text.Append(Body());
        if (Chance(0.01))
        {
            // Past the size limit: refused before parsing, whatever it holds.
            text.Append('x', maxSpecChars + _random.Next(1, 4096));
        }
        var spec = text.ToString();
        return Chance(0.05) ? spec.Replace("\n", "\r\n", StringComparison.Ordinal) : spec;
    }

    private bool Chance(double p) => _random.NextDouble() < p;

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private string Key() => _random.Next(10) switch
    {
        < 7 => Pick(Fields),
        7 => Pick(Words),
        8 => Pick(Fields) + "_",
        _ => Noise(_random.Next(1, 8)),
    };

    private string Value(int depth) => _random.Next(14) switch
    {
        0 or 1 or 2 => Pick(Words),
        3 => "\"" + Noise(_random.Next(0, 20)).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        4 => "'" + Noise(_random.Next(0, 20)).Replace("'", "''", StringComparison.Ordinal) + "'",
        5 => Noise(_random.Next(0, 30)),
        6 or 7 => FlowList(depth),
        8 => "{" + string.Join(", ", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Pick(Words) + ": " + Value(depth + 1))) + "}",
        9 => string.Concat(Enumerable.Range(0, _random.Next(1, 5)).Select(_ => "\n" + new string(' ', _random.Next(0, 5)) + "- " + Value(depth + 1))),
        10 => "|\n" + string.Concat(Enumerable.Range(0, _random.Next(1, 4)).Select(_ => "  " + Noise(_random.Next(0, 40)) + "\n")).TrimEnd('\n'),
        11 => Deep(),
        12 => "&a " + FlowList(depth) + (Chance(0.5) ? "\nlabels: *a" : string.Empty),
        _ => Pick(Words) + " " + Pick(Words),
    };

    private string FlowList(int depth) => depth > 6
        ? "[]"
        : "[" + string.Join(", ", Enumerable.Range(0, _random.Next(0, 5)).Select(_ => Value(depth + 1))) + (Chance(0.97) ? "]" : string.Empty);

    /// <summary>Nesting at the limit's edge, or far past it (as an attacker would send).</summary>
    private string Deep()
    {
        var levels = _random.Next(4) switch
        {
            0 => _random.Next(10, 25),
            1 => _random.Next(25, 200),
            2 => _random.Next(200, 5_000),
            _ => _random.Next(5_000, 45_000),
        };
        var (open, close) = Chance(0.7) ? ('[', ']') : ('{', '}');
        var inner = open == '{' ? string.Concat(Enumerable.Repeat("{a: ", levels)) + "b" + new string('}', levels) : null;
        return inner ?? new string(open, levels) + (Chance(0.5) ? "x" : string.Empty) + new string(close, Chance(0.8) ? levels : levels / 2);
    }

    private string Body()
    {
        var body = new StringBuilder();
        if (Chance(0.6))
        {
            body.Append(Chance(0.9) ? "# " : "#").Append(Noise(_random.Next(0, 30))).Append('\n');
        }
        var lines = _random.Next(0, 6);
        for (var i = 0; i < lines; i++)
        {
            body.Append(_random.Next(8) switch
            {
                0 => "```",
                1 => "---",
                2 => string.Empty,
                _ => Noise(_random.Next(0, 80)),
            }).Append('\n');
        }
        return body.ToString();
    }

    /// <summary>Text from every corner: ASCII, YAML's indicators, control characters, other scripts, lone surrogates, emoji.</summary>
    private string Noise(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(_random.Next(12) switch
            {
                < 5 => (char)_random.Next(0x20, 0x7F),
                5 => (char)_random.Next(0, 0x20),
                6 => Odd[_random.Next(Odd.Length)],
                7 => (char)_random.Next(0x0400, 0x0500),
                8 => (char)_random.Next(0x4E00, 0x4F00),
                9 => (char)_random.Next(0xD800, 0xE000),
                10 => Indicators[_random.Next(Indicators.Length)],
                _ => ' ',
            });
        }
        return text.ToString();
    }
}
