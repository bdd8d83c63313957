using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using ColorCode;
using ColorCode.Parsing;

namespace Nightshift.Server.Dashboard.Review;

/// <summary>
/// Colours diff lines with ColorCode's grammars, chosen by file extension. Each side of a hunk is
/// parsed as one text (old: context and removed lines; new: context and added), so a comment or
/// string that spans lines inside a hunk keeps its colour. Too much text, or a grammar that runs
/// too long, falls back to plain text: colouring never holds a page up.
/// </summary>
public sealed class SyntaxColouring : CodeColorizerBase
{
    /// <summary>A hunk side longer than this is shown plain.</summary>
    public const int MaxColouredChars = 200_000;

    private static readonly FrozenDictionary<string, string> ByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".cs"] = "c#",
        [".csx"] = "c#",
        [".razor"] = "c#",
        [".cshtml"] = "c#",
        [".js"] = "javascript",
        [".mjs"] = "javascript",
        [".cjs"] = "javascript",
        [".jsx"] = "javascript",
        [".ts"] = "typescript",
        [".tsx"] = "typescript",
        [".html"] = "html",
        [".htm"] = "html",
        [".xml"] = "xml",
        [".csproj"] = "xml",
        [".props"] = "xml",
        [".targets"] = "xml",
        [".slnx"] = "xml",
        [".svg"] = "xml",
        [".xaml"] = "xml",
        [".css"] = "css",
        [".sql"] = "sql",
        [".json"] = "json",
        [".php"] = "php",
        [".c"] = "cpp",
        [".h"] = "cpp",
        [".cpp"] = "cpp",
        [".hpp"] = "cpp",
        [".cc"] = "cpp",
        [".java"] = "java",
        [".ps1"] = "powershell",
        [".psm1"] = "powershell",
        [".fs"] = "f#",
        [".fsx"] = "f#",
        [".hs"] = "haskell",
        [".md"] = "markdown",
        [".markdown"] = "markdown",
        [".py"] = "python",
        [".f90"] = "fortran",
        [".vb"] = "vb.net",
        [".m"] = "matlab",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private SyntaxColouring()
        : base(null, null)
    {
    }

    public static SyntaxColouring Shared { get; } = new();

    /// <summary>The grammar for a path, or null when none fits (shown plain).</summary>
    public static ILanguage? LanguageFor(string path)
    {
        var extension = System.IO.Path.GetExtension(path);
        return ByExtension.TryGetValue(extension, out var id) ? Languages.FindById(id) : null;
    }

    /// <summary>The tokens of each line of the hunk, by the line's index in it.</summary>
    public IReadOnlyList<CodeToken>[] Colour(DiffHunk hunk, ILanguage? language)
    {
        ArgumentNullException.ThrowIfNull(hunk);
        var result = new IReadOnlyList<CodeToken>[hunk.Lines.Count];
        ColourSide(hunk, language, DiffLineKind.Removed, result);
        ColourSide(hunk, language, DiffLineKind.Added, result);
        return result;
    }

    private void ColourSide(DiffHunk hunk, ILanguage? language, DiffLineKind side, IReadOnlyList<CodeToken>[] result)
    {
        var indexes = new List<int>();
        var text = new StringBuilder();
        for (var i = 0; i < hunk.Lines.Count; i++)
        {
            var line = hunk.Lines[i];
            if (line.Kind == side || line.Kind == DiffLineKind.Context)
            {
                indexes.Add(i);
                text.Append(line.Text).Append('\n');
            }
        }
        var classes = language is null || text.Length > MaxColouredChars ? null : Classify(text.ToString(), language);
        var offset = 0;
        foreach (var i in indexes)
        {
            var line = hunk.Lines[i].Text;
            // A context line is the same on both sides; the new side's colours win.
            result[i] = classes is null ? [new CodeToken(line, null)] : Runs(line, classes, offset);
            offset += line.Length + 1;
        }
    }

    /// <summary>The colour class of each character, or null when the grammar gave up.</summary>
    private string?[]? Classify(string source, ILanguage language)
    {
        var classes = new string?[source.Length];
        var position = 0;
        try
        {
            languageParser.Parse(source, language, (fragment, scopes) =>
            {
                Paint(classes, position, scopes);
                position += fragment.Length;
            });
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
        return classes;
    }

    private static void Paint(string?[] classes, int start, IList<Scope> scopes)
    {
        // Parents first, then children: the innermost scope decides a character's colour.
        foreach (var scope in scopes)
        {
            if (ClassOf(scope.Name) is { } css)
            {
                var from = Math.Max(0, start + scope.Index);
                var to = Math.Min(classes.Length, start + scope.Index + scope.Length);
                Array.Fill(classes, css, from, Math.Max(0, to - from));
            }
            Paint(classes, start, scope.Children);
        }
    }

    private static CodeToken[] Runs(string line, string?[] classes, int offset)
    {
        var runs = new List<CodeToken>();
        var start = 0;
        for (var i = 1; i <= line.Length; i++)
        {
            if (i == line.Length || classes[offset + i] != classes[offset + start])
            {
                runs.Add(new CodeToken(line[start..i], classes[offset + start]));
                start = i;
            }
        }
        return runs.Count == 0 ? [new CodeToken(string.Empty, null)] : [.. runs];
    }

    private static string? ClassOf(string scope) => scope switch
    {
        _ when scope.Contains("Comment", StringComparison.Ordinal) => "tk-c",
        _ when scope.Contains("String", StringComparison.Ordinal) || scope.Contains("Attribute Value", StringComparison.Ordinal) || scope == "Markdown Code" => "tk-s",
        _ when scope.Contains("Keyword", StringComparison.Ordinal) || scope is "Predefined" or "Intrinsic" or "Json Const" or "Built In Value" => "tk-k",
        _ when scope.Contains("Number", StringComparison.Ordinal) => "tk-n",
        _ when scope is "Class Name" or "Type" or "Type Variable" or "PowerShell Type" or "Name Space" or "Constructor" => "tk-t",
        _ when scope.Contains("Element", StringComparison.Ordinal) || scope is "XML Name" or "CSS Selector" or "Markdown Header" or "Json Key" => "tk-e",
        _ when scope.Contains("Attribute", StringComparison.Ordinal) || scope is "CSS Property Name" or "PowerShell Variable" or "PowerShell Parameter" => "tk-a",
        _ when scope is "Built In Function" or "SQL System Function" or "PowerShell Command" => "tk-f",
        _ => null,
    };

    protected override void Write(string parsedSourceCode, IList<Scope> scopes) =>
        throw new NotSupportedException("SyntaxColouring hands out tokens; it writes nothing.");
}
