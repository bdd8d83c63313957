using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nightshift.ScriptedModel;

/// <summary>
/// <c>POST /v1/messages</c> (Anthropic Messages, whole or streamed) from the same script as the
/// chat endpoint, and <c>POST /v1/messages/count_tokens</c>, which only estimates and is not
/// recorded: counting is not a turn of the conversation, so rules never need to answer it.
/// </summary>
internal sealed class MessagesEndpoint(ScriptPlayer player, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var body = await EndpointIo.ReadBodyAsync(context.Request, aborted);
        var play = player.Play(body, MessagesRequestReader.Read);
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
                await LimitReplies.WriteAnthropicAsync(context.Response, limit, time.GetUtcNow(), aborted);
                return;
            }
            var usage = turn.Usage ?? ChatCompletionsEndpoint.Estimate(body, turn);
            var json = new MessageJson(request, turn);
            if (request.Stream)
            {
                await EndpointIo.WriteEventsAsync(context.Response, json.Events(usage), aborted);
            }
            else
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(json.Message(usage).ToJsonString(), aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away (a cancelled run); there is nobody left to answer.
        }
    }

    public static async Task CountTokensAsync(HttpContext context)
    {
        var body = await EndpointIo.ReadBodyAsync(context.Request, context.RequestAborted);
        var count = new JsonObject { ["input_tokens"] = Math.Max(1, body.Length / 4) };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(count.ToJsonString(), context.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpResponse response, string message, CancellationToken cancellationToken)
    {
        // 400 is not retried by Anthropic clients, so an unmatched request fails the run at once with this text.
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "application/json";
        var error = new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = message },
        };
        return response.WriteAsync(error.ToJsonString(), cancellationToken);
    }
}
