using System.Globalization;
using System.Text.RegularExpressions;
using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Aider;

/// <summary>
/// Reads what <c>aider --no-pretty --no-stream</c> prints, which is meant for people: its banner
/// (version, model, repository) and its reports ("Applied edit to …", "Running …", "Tokens: …")
/// become output, tool and usage events; the model's reply in between becomes one message, emitted
/// when the reply's token line ends it.
/// </summary>
internal sealed partial class AiderOutput : ITurnOutput
{
    private const int MaxSummary = 400;

    private readonly List<string> _reply = [];

    public string? SessionId => null;

    public string? Summary { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<AgentEvent> Read(string line)
    {
        var events = new List<AgentEvent>();
        var text = line.TrimEnd();
        if (AppliedEdit().Match(text) is { Success: true } edit)
        {
            FlushReply(events);
            events.Add(AgentEvent.ToolCall("edit: " + edit.Groups["file"].Value.Trim()));
        }
        else if (Running().Match(text) is { Success: true } run)
        {
            FlushReply(events);
            events.Add(AgentEvent.ToolCall("shell: " + run.Groups["command"].Value.Trim()));
        }
        else if (Tokens().Match(text) is { Success: true } tokens)
        {
            FlushReply(events);
            events.Add(AgentEvent.Usage(Count(tokens.Groups["sent"].Value), Count(tokens.Groups["received"].Value), Cost(tokens.Groups["cost"].Value)));
        }
        else if (IsBanner(text))
        {
            events.Add(AgentEvent.Output(text));
        }
        else if (text.Length > 0 || _reply.Count > 0)
        {
            if (text.StartsWith("litellm.", StringComparison.Ordinal))
            {
                Error = text;
            }
            _reply.Add(text);
        }
        return events;
    }

    private void FlushReply(List<AgentEvent> events)
    {
        var reply = string.Join("\n", _reply).Trim();
        _reply.Clear();
        if (reply.Length > 0)
        {
            Summary = reply.Length <= MaxSummary ? reply : reply[..MaxSummary] + "…";
            events.Add(AgentEvent.Message(reply));
        }
    }

    private static bool IsBanner(string text) =>
        BannerPrefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal));

    private static readonly string[] BannerPrefixes =
    [
        "Aider v", "Main model:", "Weak model:", "Editor model:", "Git repo:", "Repo-map:", "Model:", "Added ", "Use /help", "Warning:", "https://aider.chat",
    ];

    /// <summary>"2.3k" → 2300, "1.1M" → 1100000, "512" → 512.</summary>
    private static long Count(string value)
    {
        var multiplier = value.EndsWith('k') ? 1_000m : value.EndsWith('M') ? 1_000_000m : 1m;
        var number = decimal.TryParse(value.TrimEnd('k', 'M'), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : 0m;
        return (long)(number * multiplier);
    }

    private static decimal Cost(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var cost) ? cost : 0m;

    [GeneratedRegex(@"^Applied edit to (?<file>.+)$")]
    private static partial Regex AppliedEdit();

    [GeneratedRegex(@"^Running (?<command>.+)$")]
    private static partial Regex Running();

    [GeneratedRegex(@"^Tokens: (?<sent>[\d.]+[kM]?) sent(?:, [^,]*cache[^,]*)*, (?<received>[\d.]+[kM]?) received\.(?: Cost: \$(?<cost>[\d.]+) message)?")]
    private static partial Regex Tokens();
}
