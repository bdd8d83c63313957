using System.Globalization;
using System.Text;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Runs;

/// <summary>
/// The message of the engine's commit of an agent's work. When the agent summed up what it did,
/// the summary's first line is the subject and the rest the body, with the task and run as
/// trailers; otherwise the task's title and how the run ended. The summary is the agent's words,
/// so it is cleaned of control and formatting characters (nothing in it can move a terminal's
/// cursor or reorder the text of a <c>git log</c>) and bounded.
/// </summary>
public static class RunCommitMessage
{
    /// <summary>Git's own advice for a subject line; a longer first line is cut with an ellipsis.</summary>
    public const int MaxSubjectLength = 72;

    /// <summary>Enough for any honest summary; an agent that writes a book does not get it into every commit.</summary>
    public const int MaxBodyLength = 8 * 1024;

    public static string For(TaskRecord task, int attempt, string outcome, string? summary)
    {
        var lines = Clean(summary ?? string.Empty).Split('\n');
        var first = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (first < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{task.Title}\n\nNightshift task {task.Id}, run {attempt}: {outcome}");
        }
        var message = new StringBuilder(Cut(string.Join(' ', lines[first].Split(' ', StringSplitOptions.RemoveEmptyEntries)), MaxSubjectLength));
        var body = string.Join('\n', lines.Skip(first + 1).Select(l => l.TrimEnd())).Trim('\n');
        if (body.Length > 0)
        {
            message.Append("\n\n").Append(Cut(body, MaxBodyLength));
        }
        // A trailer block of the engine's own, last, where git interpret-trailers looks for it.
        return message.Append(CultureInfo.InvariantCulture, $"\n\nNightshift-Task: {task.Id}\nNightshift-Run: {attempt}").ToString();
    }

    /// <summary>Line breaks kept (as <c>\n</c>), tabs made spaces, every other control or formatting character dropped.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
        {
            if (c is '\n')
            {
                clean.Append(c);
            }
            else if (c is '\t')
            {
                clean.Append(' ');
            }
            else if (!char.IsControl(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                clean.Append(c);
            }
        }
        return clean.ToString();
    }

    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var end = max - 1;
        // Never half a surrogate pair.
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }
        return text[..end].TrimEnd() + "…";
    }
}
