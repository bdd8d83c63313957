using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nightshift.ScriptedModel;

/// <summary>
/// <c>POST /v1/responses</c> (OpenAI Responses, whole or streamed) from the same script and the
/// same request numbering as the other endpoints. The Codex CLI speaks only this API.
/// </summary>
internal sealed class ResponsesEndpoint(ScriptPlayer player, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var body = await EndpointIo.ReadBodyAsync(context.Request, aborted);
        var play = player.Play(body, ResponsesRequestReader.Read);
        if (play.Error is not null || play.Request is null || play.Reply is null)
        {
            await WriteErrorAsync(context.Response, play.Error ?? "no reply", aborted);
            return;
        }
        var (request, turn) = (play.Request, play.Reply);
        try
        {
            if (turn.Delay > TimeSpan.Zero)
            {
                await Task.Delay(turn.Delay, time, aborted);
            }
            if (turn.Limit is { } limit)
            {
                await LimitReplies.WriteOpenAiAsync(context.Response, limit, time.GetUtcNow(), aborted);
                return;
            }
            var usage = turn.Usage ?? ChatCompletionsEndpoint.Estimate(body, turn);
            var json = new ResponseJson(request, turn, time.GetUtcNow().ToUnixTimeSeconds());
            if (request.Stream)
            {
                await EndpointIo.WriteEventsAsync(context.Response, json.Events(usage), aborted);
            }
            else
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(json.Response(usage).ToJsonString(), aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away (a cancelled run); there is nobody left to answer.
        }
    }

    private static Task WriteErrorAsync(HttpResponse response, string message, CancellationToken cancellationToken)
    {
        // A 400 is not retried by the Codex CLI: an unmatched request fails the turn at once with this text.
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "application/json";
        var error = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["code"] = "no_matching_rule" },
        };
        return response.WriteAsync(error.ToJsonString(), cancellationToken);
    }
}
