using System.Globalization;
using System.Text;

namespace Nightshift.Cli.Terminal;

/// <summary>
/// Makes text from elsewhere (a title, an agent's output, a diff) safe to print: a control
/// character or a bidirectional override could otherwise clear the screen, retitle the window,
/// recolour what follows or show text in another order than it is. Each one is shown escaped
/// instead (<c>\x1B</c>, <c>\u202E</c>), so the reader sees that it was there.
/// </summary>
public static class TerminalText
{
    /// <summary>
    /// The text with every C0 and C1 control, DEL and bidirectional control escaped. With
    /// <paramref name="keepLines"/>, newline and tab keep their meaning (a log, a diff, a body);
    /// a carriage return is escaped either way, as it would let a line overwrite the one shown.
    /// </summary>
    public static string Safe(string? text, bool keepLines)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        if (!NeedsEscape(text, keepLines))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c, keepLines))
            {
                builder.Append(c <= '\u00FF'
                    ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}")
                    : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static bool NeedsEscape(string text, bool keepLines)
    {
        foreach (var c in text)
        {
            if (IsUnsafe(c, keepLines))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsUnsafe(char c, bool keepLines) => c switch
    {
        '\n' or '\t' => !keepLines,
        < '\u0020' => true,
        >= '\u007F' and <= '\u009F' => true,
        // Bidirectional marks, embeddings, overrides and isolates; line and paragraph separators.
        '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') => true,
        '\u2028' or '\u2029' => true,
        _ => false,
    };
}
