using System.Text.Encodings.Web;
using System.Text.Json;
using Nightshift.Core.Specs;

namespace Nightshift.Cli.Commands;

/// <summary>
/// The spec `nightshift add --command` makes: the command agent running one command line. It goes
/// through the same parser as a written spec, so every limit and rule holds for it too.
/// </summary>
internal static class CommandSpec
{
    // Relaxed: `&&` and non-ASCII stay readable in the stored spec; quotes, backslashes and controls are still escaped.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(string command, string? title)
    {
        title ??= DefaultTitle(command);
        // JSON strings are YAML double-quoted scalars: whatever the command or title hold stays one value.
        return $"""
            ---
            title: {Quote(title)}
            agent: {KnownAgents.Command}
            command: {Quote(command)}
            ---
            Run this command in the task's worktree.

            """;
    }

    /// <summary>The command's first line, cut to a title's length.</summary>
    private static string DefaultTitle(string command)
    {
        var line = command.Trim().Split('\n')[0].Trim();
        return line.Length <= SpecLimits.MaxTitleChars ? line : line[..(SpecLimits.MaxTitleChars - 1)] + "…";
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value, Json);
}
