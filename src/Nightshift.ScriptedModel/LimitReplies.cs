using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nightshift.ScriptedModel;

/// <summary>
/// A usage-limit refusal as each service sends it: status 429, the headers its clients read for
/// the reset, and its error body. Each is the flavour the service's own CLI does not retry (a
/// spent quota, not a short burst), so a run that meets it ends at once instead of backing off.
/// </summary>
internal static class LimitReplies
{
    /// <summary>
    /// Anthropic: a <c>rate_limit_error</c> with the unified limit headers a Claude subscription's
    /// refusal carries (<c>rejected</c>, the reset as epoch seconds) and <c>retry-after</c>.
    /// </summary>
    public static Task WriteAnthropicAsync(HttpResponse response, ScriptedLimit limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers["anthropic-ratelimit-unified-status"] = "rejected";
        response.Headers["anthropic-ratelimit-unified-representative-claim"] = "five_hour";
        // The service says whether a retry can help; for a spent quota it cannot before the reset.
        response.Headers["x-should-retry"] = "false";
        if (limit.ResetsIn is { } wait)
        {
            response.Headers["anthropic-ratelimit-unified-reset"] = Epoch(now + wait);
            response.Headers.RetryAfter = Seconds(wait);
        }
        var error = new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = "rate_limit_error", ["message"] = "This request would exceed your account's rate limit. Please try again later." },
        };
        return WriteJsonAsync(response, error, cancellationToken);
    }

    /// <summary>
    /// OpenAI (Responses and Chat Completions alike): the <c>usage_limit_reached</c> body of a
    /// ChatGPT plan, with the reset as epoch seconds and as seconds from now, and <c>retry-after</c>.
    /// </summary>
    public static Task WriteOpenAiAsync(HttpResponse response, ScriptedLimit limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        var error = new JsonObject
        {
            ["type"] = "usage_limit_reached",
            ["message"] = "The usage limit has been reached",
            ["plan_type"] = "plus",
        };
        if (limit.ResetsIn is { } wait)
        {
            error["resets_at"] = (now + wait).ToUnixTimeSeconds();
            error["resets_in_seconds"] = (long)Math.Ceiling(wait.TotalSeconds);
            response.Headers.RetryAfter = Seconds(wait);
            // The window that ran out, in the headers the ChatGPT backend sends with every answer.
            response.Headers["x-codex-primary-used-percent"] = "100";
            response.Headers["x-codex-primary-window-minutes"] = "300";
            response.Headers["x-codex-primary-reset-at"] = Epoch(now + wait);
        }
        return WriteJsonAsync(response, new JsonObject { ["error"] = error }, cancellationToken);
    }

    /// <summary>
    /// Gemini: <c>RESOURCE_EXHAUSTED</c> with a <c>QuotaFailure</c>. With a reset, an hourly quota and
    /// a <c>RetryInfo</c> delay (past five minutes the Gemini CLI does not wait it out); without one,
    /// a daily quota, which the CLI never retries (an hourly one without a delay it retries ten times).
    /// </summary>
    public static Task WriteGeminiAsync(HttpResponse response, ScriptedLimit limit, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        var details = new JsonArray
        {
            new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.QuotaFailure",
                ["violations"] = new JsonArray(new JsonObject
                {
                    ["quotaMetric"] = "generativelanguage.googleapis.com/generate_content_requests",
                    ["quotaId"] = limit.ResetsIn is null ? "GenerateRequestsPerDayPerProjectPerModel-FreeTier" : "GenerateRequestsPerHourPerProjectPerModel",
                }),
            },
        };
        var message = "You exceeded your current quota, please check your plan and billing details.";
        if (limit.ResetsIn is { } wait)
        {
            details.Add(new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.RetryInfo", ["retryDelay"] = $"{Seconds(wait)}s" });
            message += $" Please retry in {Seconds(wait)}s.";
        }
        var error = new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = 429, ["message"] = message, ["status"] = "RESOURCE_EXHAUSTED", ["details"] = details },
        };
        return WriteJsonAsync(response, error, cancellationToken);
    }

    private static string Epoch(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan wait) => ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static Task WriteJsonAsync(HttpResponse response, JsonNode body, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json";
        return response.WriteAsync(body.ToJsonString(), cancellationToken);
    }
}
