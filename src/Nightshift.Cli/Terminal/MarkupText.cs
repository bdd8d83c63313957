using System.Runtime.CompilerServices;
using System.Text;

namespace Nightshift.Cli.Terminal;

/// <summary>
/// Spectre markup built from an interpolated string: the literal parts are our markup (colours,
/// bold) and pass as they are; every hole is data, escaped for markup and for the terminal (see
/// <see cref="TerminalText"/>). So <c>$"[bold]{title}[/]"</c> is safe whatever the title holds.
/// </summary>
[InterpolatedStringHandler]
public ref struct MarkupText
{
    private readonly StringBuilder _builder;

    public MarkupText(int literalLength, int formattedCount)
    {
        _ = formattedCount;
        _builder = new StringBuilder(literalLength + 32);
    }

    public readonly void AppendLiteral(string literal) => _builder.Append(literal);

    public readonly void AppendFormatted<T>(T value, int alignment = 0, string? format = null)
    {
        var text = value is IFormattable formattable ? formattable.ToString(format, null) : value?.ToString() ?? string.Empty;
        text = alignment switch
        {
            > 0 => text.PadLeft(alignment),
            < 0 => text.PadRight(-alignment),
            _ => text,
        };
        _builder.Append(Spectre.Console.Markup.Escape(TerminalText.Safe(text, keepLines: true)));
    }

    public readonly void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, 0, format);

    public override readonly string ToString() => _builder.ToString();
}
