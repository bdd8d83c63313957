namespace Nightshift.Core.Specs;

/// <summary>
/// How large a spec and its parts may be, in one place: the parser, the project file reader, the
/// server's request limit and the CLI all read these, and every refusal names the limit. They are
/// far above what a person writes and low enough that a hostile or broken input cannot exhaust the
/// server's memory or stack.
/// </summary>
public static class SpecLimits
{
    /// <summary>A whole spec file, in characters (256 KiB): detail beyond that belongs in the repository.</summary>
    public const int MaxSpecChars = 256 * 1024;

    /// <summary>A task's title, in characters: it is one line on a board card.</summary>
    public const int MaxTitleChars = 200;

    /// <summary>One command line (the command agent's <c>command</c>, each check), in characters (4 KiB).</summary>
    public const int MaxCommandChars = 4 * 1024;

    /// <summary>
    /// How deeply YAML lists and mappings may nest. A spec needs two levels (a mapping of lists);
    /// the reader recurses per level, so this bound is what keeps a nested input off the stack's end.
    /// </summary>
    public const int MaxYamlDepth = 16;

    /// <summary>A project file (<c>.nightshift/project.yml</c>), in bytes (64 KiB).</summary>
    public const int MaxProjectFileBytes = 64 * 1024;

    /// <summary>
    /// An HTTP request body, in bytes (2 MiB): room for the largest spec even when every character
    /// is escaped in JSON; anything larger is refused before it is read.
    /// </summary>
    public const long MaxRequestBodyBytes = 2L * 1024 * 1024;

    /// <summary>The error for a spec over <see cref="MaxSpecChars"/>, or null when it fits; the parser and the CLI refuse with the same words.</summary>
    public static SpecError? SizeProblem(string specText, string fileName) => specText.Length <= MaxSpecChars
        ? null
        : new SpecError(fileName, 1, 1, "spec", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"is too large: {specText.Length:N0} characters, over the limit of {MaxSpecChars:N0} (SpecLimits.MaxSpecChars); keep the spec short and put long material in the repository for the agent to read"));
}
