using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nightshift.ScriptedModel;

/// <summary><c>POST /v1/chat/completions</c>: plays the script, then answers as one JSON document or as server-sent events.</summary>
internal sealed class ChatCompletionsEndpoint(ScriptPlayer player, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var body = await EndpointIo.ReadBodyAsync(context.Request, aborted);
        var play = player.Play(body);
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
            var usage = turn.Usage ?? Estimate(body, turn);
            var json = new CompletionJson(request, turn, time.GetUtcNow().ToUnixTimeSeconds());
            if (request.Stream)
            {
                await EndpointIo.WriteEventsAsync(context.Response, json.Chunks(usage).Select(c => ((string?)null, c)), aborted);
                await context.Response.WriteAsync("data: [DONE]\n\n", aborted);
            }
            else
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(json.Completion(usage).ToJsonString(), aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away (a cancelled run); there is nobody left to answer.
        }
    }

    public static Task ListModelsAsync(HttpContext context)
    {
        var model = new JsonObject { ["id"] = ScriptedModelServer.ModelName, ["object"] = "model", ["created"] = 0, ["owned_by"] = "nightshift" };
        var list = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(model) };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(list.ToJsonString(), context.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpResponse response, string message, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "application/json";
        var error = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["code"] = "no_matching_rule" },
        };
        return response.WriteAsync(error.ToJsonString(), cancellationToken);
    }

    /// <summary>About four characters a token: enough for budgets to move when a script gives no numbers.</summary>
    internal static ScriptedUsage Estimate(string body, ScriptedTurn turn)
    {
        var output = (turn.Text?.Length ?? 0) + turn.ToolCalls.Sum(c => c.Name.Length + c.ArgumentsJson.Length);
        return new ScriptedUsage(Math.Max(1, body.Length / 4), Math.Max(1, output / 4));
    }
}
