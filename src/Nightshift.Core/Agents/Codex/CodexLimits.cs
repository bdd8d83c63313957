using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nightshift.Core.Agents.Codex;

/// <summary>
/// How the Codex app server says a turn stopped on a usage limit: the turn fails with
/// <c>codexErrorInfo</c> <c>usageLimitExceeded</c> (the text reads "You've hit your usage limit …
/// try again at 7:00 PM", in the process's own time zone), and just before it an
/// <c>account/rateLimits/updated</c> gives each window's <c>usedPercent</c> and <c>resetsAt</c>
/// (epoch seconds) from the service's headers. Codex does not retry that refusal; a plain 429 it
/// retries with backoff until it gives up. The reset is read from the windows, never from the text.
/// </summary>
internal sealed class CodexLimits
{
    private DateTimeOffset? _resetAt;

    public void Read(CodexMessage message)
    {
        if (message.Method != "account/rateLimits/updated" || message.Params["rateLimits"] is not JsonObject limits)
        {
            return;
        }
        // The window that ran out is the one the refusal waits for; of two, the later reset.
        _resetAt = new[] { limits["primary"], limits["secondary"] }
            .OfType<JsonObject>()
            .Where(w => Number(w["usedPercent"]) >= 100 && Number(w["resetsAt"]) > 0)
            .Select(w => (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds((long)Number(w["resetsAt"])))
            .Max();
    }

    /// <summary>The limit a failed turn stopped on, or null when it failed for another reason.</summary>
    public AgentLimit? Limit(JsonObject turn)
    {
        var error = turn["error"] as JsonObject;
        if (error?["codexErrorInfo"] is not JsonValue info || info.GetValueKind() != JsonValueKind.String || info.GetValue<string>() != "usageLimitExceeded")
        {
            return null;
        }
        return new AgentLimit(_resetAt, error["message"]?.ToString() ?? "Codex stopped on a usage limit");
    }

    private static double Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : 0;
}
