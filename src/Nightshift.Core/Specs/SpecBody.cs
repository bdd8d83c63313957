namespace Nightshift.Core.Specs;

/// <summary>Reads what the parser needs from a spec's Markdown body: its title heading and whether it says anything.</summary>
internal static class SpecBody
{
    /// <summary>The first level-one ATX heading (<c># Title</c>) outside code fences, as a 0-based line index.</summary>
    public static (string Title, int Index)? FindTitle(string body)
    {
        var lines = body.Split('\n');
        var inFence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart(' ');
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence && lines[i].Length - line.Length <= 3 && HeadingText(line) is { Length: > 0 } title)
            {
                return (title, i);
            }
        }
        return null;
    }

    /// <summary>True when the body has a non-blank line other than its title heading.</summary>
    public static bool HasInstruction(string body)
    {
        var titleIndex = FindTitle(body)?.Index ?? -1;
        return body.Split('\n').Where((line, i) => i != titleIndex).Any(line => !string.IsNullOrWhiteSpace(line));
    }

    private static string? HeadingText(string line)
    {
        if (line == "#")
        {
            return string.Empty;
        }
        if (!line.StartsWith("# ", StringComparison.Ordinal) && !line.StartsWith("#\t", StringComparison.Ordinal))
        {
            return null;
        }
        // "# Title #" has an optional closing sequence of '#'s, which is not part of the title.
        var text = line[2..].Trim();
        var closing = text.TrimEnd('#');
        return closing.Length < text.Length && (closing.Length == 0 || closing[^1] is ' ' or '\t') ? closing.Trim() : text;
    }
}
