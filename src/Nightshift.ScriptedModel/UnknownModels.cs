using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nightshift.ScriptedModel;

/// <summary>
/// Answers a request for a model whose name starts with <see cref="Prefix"/> the way the real
/// service answers a model it does not have (status, JSON shape and wording of Anthropic's
/// Messages, OpenAI's chat completions and Responses, and Gemini's generateContent), so a test sees
/// what a CLI does with an unknown model: report the error, or fall back to another model.
/// </summary>
public static class UnknownModels
{
    /// <summary>A model named with this prefix (e.g. <c>no-such-model</c>) is one the scripted service does not have.</summary>
    public const string Prefix = "no-such-";

    public static async Task HandleAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var path = context.Request.Path.Value ?? string.Empty;
        if (!HttpMethods.IsPost(context.Request.Method) || await ModelAsync(context.Request, path) is not { } model || !model.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await next();
            return;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Reply(path, model).ToJsonString(), context.RequestAborted);
    }

    private static JsonObject Reply(string path, string model) => path switch
    {
        _ when path.StartsWith("/v1/messages", StringComparison.Ordinal) => new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = "not_found_error", ["message"] = $"model: {model}" },
        },
        _ when path.StartsWith("/v1beta/models/", StringComparison.Ordinal) => new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = 404,
                ["message"] = $"models/{model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.",
                ["status"] = "NOT_FOUND",
            },
        },
        _ => new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = $"The model `{model}` does not exist or you do not have access to it.",
                ["type"] = "invalid_request_error",
                ["param"] = null,
                ["code"] = "model_not_found",
            },
        },
    };

    /// <summary>The model asked for: in the route for Gemini, else the body's <c>model</c>; the body stays readable for the endpoint.</summary>
    private static async Task<string?> ModelAsync(HttpRequest request, string path)
    {
        if (path.StartsWith("/v1beta/models/", StringComparison.Ordinal))
        {
            var target = path["/v1beta/models/".Length..];
            return target.Split(':')[0];
        }
        if (path is not ("/v1/messages" or "/v1/chat/completions" or "/v1/responses"))
        {
            return null;
        }
        request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String
                ? model.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
