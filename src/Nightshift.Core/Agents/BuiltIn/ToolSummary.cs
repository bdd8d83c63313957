using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>The one-line texts of ToolCall and ToolResult events: the tool, its main argument, the first line of its result.</summary>
internal static class ToolSummary
{
    private const int MaxLength = 160;

    /// <summary>The argument that says what a call is about, per tool.</summary>
    private static readonly Dictionary<string, string> MainArgument = new(StringComparer.Ordinal)
    {
        ["read_file"] = "path",
        ["write_file"] = "path",
        ["edit_file"] = "path",
        ["list_files"] = "path",
        ["search"] = "pattern",
        ["run_command"] = "command",
        ["report_progress"] = "line",
        ["ask_question"] = "question",
        ["record_decision"] = "decision",
        [Toolbox.Finish] = "summary",
    };

    public static string Call(FunctionCallContent call)
    {
        var argument = MainArgument.TryGetValue(call.Name, out var key) && call.Arguments?.TryGetValue(key, out var value) == true
            ? Text(value)
            : null;
        return Shorten(string.IsNullOrEmpty(argument) ? call.Name : $"{call.Name} {argument}");
    }

    public static string Result(string toolName, ToolOutcome outcome)
    {
        var firstLine = outcome.Text.Split('\n', 2)[0];
        return Shorten($"{toolName}: {(outcome.IsError ? "error: " : string.Empty)}{firstLine}");
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement e => e.GetRawText(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= MaxLength ? line : line[..(MaxLength - 1)] + "…";
    }
}
