using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nightshift.Server.Dashboard.Review;

/// <summary>
/// Reads the output of <c>git diff</c> (or any unified diff) into files, hunks and numbered lines.
/// A hunk's line counts decide where it ends, so a removed line that reads "-- x" is never taken
/// for a "--- " file header. Anything it does not understand is skipped, never thrown.
/// </summary>
public static partial class UnifiedDiffParser
{
    private const string DevNull = "/dev/null";

    public static IReadOnlyList<DiffFile> Parse(string diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var files = new List<DiffFile>();
        DiffFile? file = null;
        HunkReader? hunk = null;
        foreach (var raw in diff.Split('\n'))
        {
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (hunk is not null && line.StartsWith('\\'))
            {
                hunk.MarkNoNewline();
                continue;
            }
            if (hunk is not null && hunk.TryAdd(line))
            {
                continue;
            }
            hunk = null;
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                file = new DiffFile();
                files.Add(file);
                GuessPaths(file, line["diff --git ".Length..]);
                continue;
            }
            if (file is null || (file.Hunks.Count > 0 && line.StartsWith("--- ", StringComparison.Ordinal)))
            {
                // A plain unified diff (no "diff --git" lines): each "--- " starts a file.
                if (!line.StartsWith("--- ", StringComparison.Ordinal))
                {
                    continue;
                }
                file = new DiffFile();
                files.Add(file);
            }
            hunk = ReadHeaderLine(file, line);
        }
        return files;
    }

    private static HunkReader? ReadHeaderLine(DiffFile file, string line)
    {
        if (line.StartsWith("@@ ", StringComparison.Ordinal) && HunkHeader().Match(line) is { Success: true } m)
        {
            var reader = new HunkReader(Number(m.Groups[1]), Count(m.Groups[2]), Number(m.Groups[3]), Count(m.Groups[4]), m.Groups[5].Value);
            file.Hunks.Add(reader.Hunk);
            return reader;
        }
        if (line.StartsWith("--- ", StringComparison.Ordinal))
        {
            file.OldPath = HeaderPath(line[4..], "a/");
            if (file.OldPath is null)
            {
                file.Change = DiffFileChange.Added;
            }
        }
        else if (line.StartsWith("+++ ", StringComparison.Ordinal))
        {
            file.NewPath = HeaderPath(line[4..], "b/");
            if (file.NewPath is null)
            {
                file.Change = DiffFileChange.Deleted;
            }
        }
        else if (line.StartsWith("new file mode", StringComparison.Ordinal))
        {
            file.Change = DiffFileChange.Added;
            file.OldPath = null;
        }
        else if (line.StartsWith("deleted file mode", StringComparison.Ordinal))
        {
            file.Change = DiffFileChange.Deleted;
            file.NewPath = null;
        }
        else if (TryValue(line, "rename from ", out var from) || TryValue(line, "copy from ", out from))
        {
            file.Change = line.StartsWith('r') ? DiffFileChange.Renamed : DiffFileChange.Copied;
            file.OldPath = from;
        }
        else if (TryValue(line, "rename to ", out var to) || TryValue(line, "copy to ", out to))
        {
            file.NewPath = to;
        }
        else if (line.StartsWith("Binary files ", StringComparison.Ordinal) || line.StartsWith("GIT binary patch", StringComparison.Ordinal))
        {
            file.IsBinary = true;
        }
        return null;
    }

    /// <summary>"a/x b/x" names the file twice; when both halves agree they are its paths (binary and mode-only changes have no other header).</summary>
    private static void GuessPaths(DiffFile file, string rest)
    {
        if (rest.StartsWith('"'))
        {
            var end = ClosingQuote(rest);
            if (end > 0 && end + 2 < rest.Length)
            {
                file.OldPath = Strip(Unquote(rest[..(end + 1)]), "a/");
                file.NewPath = Strip(Unquote(rest[(end + 2)..]), "b/");
            }
            return;
        }
        if (rest.Length % 2 == 1)
        {
            var half = rest.Length / 2;
            var (left, right) = (rest[..half], rest[(half + 1)..]);
            if (left.StartsWith("a/", StringComparison.Ordinal) && right.StartsWith("b/", StringComparison.Ordinal) && left[2..] == right[2..])
            {
                file.OldPath = left[2..];
                file.NewPath = right[2..];
            }
        }
    }

    private static bool TryValue(string line, string prefix, out string value)
    {
        value = line.StartsWith(prefix, StringComparison.Ordinal) ? Unquote(line[prefix.Length..]) : string.Empty;
        return value.Length > 0;
    }

    private static string? HeaderPath(string value, string prefix)
    {
        // A plain diff may put a timestamp after a tab; git quotes a name that holds one.
        var path = value.StartsWith('"') ? Unquote(value) : value.Split('\t')[0];
        return path == DevNull ? null : Strip(path, prefix);
    }

    private static string Strip(string path, string prefix) => path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;

    private static int ClosingQuote(string s)
    {
        for (var i = 1; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == '"')
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Git quotes unusual names C-style, with non-ASCII bytes in octal: "t\303\251st" is "tést".</summary>
    internal static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }
        var bytes = new List<byte>(value.Length);
        for (var i = 1; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c != '\\' || i + 1 >= value.Length - 1)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }
            var next = value[++i];
            if (next is >= '0' and <= '7' && i + 2 < value.Length - 1)
            {
                bytes.Add(Convert.ToByte(value.Substring(i, 3), 8));
                i += 2;
                continue;
            }
            bytes.Add(next switch { 'n' => (byte)'\n', 't' => (byte)'\t', 'r' => (byte)'\r', 'a' => 7, 'b' => 8, 'f' => 12, 'v' => 11, _ => (byte)next });
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static int Number(Group g) => int.Parse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static int Count(Group g) => g.Success ? Number(g) : 1;

    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex HunkHeader();
}
