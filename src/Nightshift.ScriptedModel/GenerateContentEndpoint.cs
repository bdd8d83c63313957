using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nightshift.ScriptedModel;

/// <summary>
/// The Gemini API from the same script as the other endpoints:
/// <c>POST /v1beta/models/{model}:generateContent</c> (one response),
/// <c>:streamGenerateContent</c> (server-sent events with <c>?alt=sse</c>, else a JSON array) and
/// <c>:countTokens</c>, which only estimates and is not recorded.
/// </summary>
internal sealed class GenerateContentEndpoint(ScriptPlayer player, TimeProvider time)
{
    /// <summary>The route: one segment holds both the model and the method, as <c>{model}:{method}</c>.</summary>
    public const string Route = "/v1beta/models/{target}";

    public async Task HandleAsync(HttpContext context, string target)
    {
        var aborted = context.RequestAborted;
        var colon = target.LastIndexOf(':');
        var (model, method) = colon < 0 ? (target, string.Empty) : (target[..colon], target[(colon + 1)..]);
        var body = await EndpointIo.ReadBodyAsync(context.Request, aborted);
        if (method == "countTokens")
        {
            await WriteJsonAsync(context.Response, new JsonObject { ["totalTokens"] = Math.Max(1, body.Length / 4) }, aborted);
            return;
        }
        if (method is not ("generateContent" or "streamGenerateContent"))
        {
            await WriteErrorAsync(context.Response, StatusCodes.Status404NotFound, $"method '{method}' is not served; use generateContent or streamGenerateContent", aborted);
            return;
        }
        var stream = method == "streamGenerateContent";
        var play = player.Play(body, GenerateContentRequestReader.For(model, stream));
        if (play.Error is not null || play.Request is null || play.Reply is null)
        {
            // 400 is not retried by Gemini clients, so an unmatched request fails the run at once with this text.
            await WriteErrorAsync(context.Response, StatusCodes.Status400BadRequest, play.Error ?? "no reply", aborted);
            return;
        }
        try
        {
            if (play.Reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(play.Reply.Delay, time, aborted);
            }
            if (play.Reply.Limit is { } limit)
            {
                await LimitReplies.WriteGeminiAsync(context.Response, limit, aborted);
                return;
            }
            var usage = play.Reply.Usage ?? ChatCompletionsEndpoint.Estimate(body, play.Reply);
            var json = new GenerateContentJson(play.Request, play.Reply);
            if (!stream)
            {
                await WriteJsonAsync(context.Response, json.Response(usage), aborted);
            }
            else if (context.Request.Query["alt"] == "sse")
            {
                // Google's servers end SSE lines with CRLF.
                await EndpointIo.WriteEventsAsync(context.Response, json.Chunks(usage).Select(c => ((string?)null, c)), aborted, "\r\n");
            }
            else
            {
                await WriteJsonAsync(context.Response, new JsonArray(json.Chunks(usage).Select(c => (JsonNode)c).ToArray()), aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away (a cancelled run); there is nobody left to answer.
        }
    }

    private static Task WriteJsonAsync(HttpResponse response, JsonNode json, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json";
        return response.WriteAsync(json.ToJsonString(), cancellationToken);
    }

    private static Task WriteErrorAsync(HttpResponse response, int status, string message, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        var error = new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = status == 400 ? "INVALID_ARGUMENT" : "NOT_FOUND" },
        };
        return WriteJsonAsync(response, error, cancellationToken);
    }
}
