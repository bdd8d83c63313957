using System.Text.Json;

namespace Nightshift.Core.Agents.ClaudeCode;

/// <summary>
/// How Claude Code says a turn stopped on a usage limit, in its stream-json. A subscription's
/// refusal comes as a <c>rate_limit_event</c> whose <c>rate_limit_info</c> is <c>rejected</c> with
/// <c>resetsAt</c> (epoch seconds), then an API-error message and result with <c>api_error</c>
/// <c>usage_limit_reached</c> and the text "You've hit your 5-hour limit · resets 6:54pm (UTC)". An
/// API key's 429 comes as <c>api_error_status</c> 429 (<c>error</c> <c>rate_limit</c>) with no time.
/// The CLI retries a 429 itself unless the service says <c>x-should-retry: false</c>; what reaches
/// the stream is what it gave up on. Read from fields, never from the text, which is for people.
/// </summary>
internal sealed class ClaudeCodeLimits
{
    private DateTimeOffset? _resetAt;

    /// <summary>Whether a line of the current turn reported a refusal on a limit.</summary>
    public bool Refused { get; private set; }

    public void Read(JsonElement root, string? type)
    {
        if (type == "rate_limit_event" && root.TryGetProperty("rate_limit_info", out var info))
        {
            // "allowed_warning" only warns; the turn goes on.
            if (Json.String(info, "status") == "rejected")
            {
                _resetAt = ResetOf(info) ?? _resetAt;
            }
            return;
        }
        if (type is not ("assistant" or "result"))
        {
            return;
        }
        if (Json.String(root, "api_error") == "usage_limit_reached" || Json.Long(root, "api_error_status") == 429 || Json.String(root, "error") == "rate_limit")
        {
            Refused = true;
            if (root.TryGetProperty("api_error_params", out var parameters) && parameters.ValueKind == JsonValueKind.Object
                && parameters.TryGetProperty("rate_limit_info", out var refused))
            {
                _resetAt = ResetOf(refused) ?? _resetAt;
            }
        }
    }

    /// <summary>The limit a failed turn ended on, with <paramref name="message"/> (the CLI's result text), or null.</summary>
    public AgentLimit? Limit(string? message) =>
        Refused ? new AgentLimit(_resetAt, message ?? "Claude Code stopped on a usage limit") : null;

    private static DateTimeOffset? ResetOf(JsonElement info) =>
        Json.Long(info, "resetsAt") is > 0 and var seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
