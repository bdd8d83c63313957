using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nightshift.Client;
using Nightshift.Core.Projects;
using Nightshift.Core.Specs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Api;

/// <summary>Turns the engine's refusals into error answers that say what was wrong and what to do.</summary>
public static class ErrorResponses
{
    public const string ApiPrefix = "/api";

    public static IApplicationBuilder UseErrorResponses(this IApplicationBuilder app)
    {
        // An API answer that would leave with an error status and no body (no such route, a method
        // the route does not take, a request the framework refused itself) gets the envelope too.
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            if (context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase))
            {
                await context.Response.WriteAsJsonAsync(Describe(context), NightshiftClient.Json);
            }
        });
        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (StoreErrors.Explain(ex, context.RequestServices.GetRequiredService<NightshiftHome>().DatabasePath) is { } store && !context.Response.HasStarted)
            {
                // Not a bug and not bad input: the machine needs fixing, and the answer says how.
                context.Response.StatusCode = store.Failure == StoreFailure.DiskFull ? StatusCodes.Status507InsufficientStorage : StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsJsonAsync(new ErrorDto(store.Message, store.Failure == StoreFailure.DiskFull ? "disk_full" : "store_not_writable"), NightshiftClient.Json);
            }
            catch (Exception ex) when (Map(ex) is { } mapped && !context.Response.HasStarted)
            {
                context.Response.StatusCode = mapped.Status;
                await context.Response.WriteAsJsonAsync(mapped.Error, NightshiftClient.Json);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
            {
                // A bug, not bad input: logged in full, and the caller is told what broke.
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Nightshift.Api")
                    .LogError(ex, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsJsonAsync(
                    new ErrorDto($"Nightshift failed on {context.Request.Method} {context.Request.Path}: {ex.GetType().Name}: {ex.Message}. The server log has the details.", "internal_error"),
                    NightshiftClient.Json);
            }
        });
    }

    private static ErrorDto Describe(HttpContext context)
    {
        var request = $"{context.Request.Method} {context.Request.Path}";
        return context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => new ErrorDto($"There is no {request} in the Nightshift API; check the path (`nightshift --help` lists what the CLI calls).", "not_found"),
            StatusCodes.Status405MethodNotAllowed => new ErrorDto(
                $"{request} is not allowed: that path takes {Allowed(context)}.", "method_not_allowed"),
            StatusCodes.Status413PayloadTooLarge => TooLarge(),
            var code => new ErrorDto($"The request {request} was refused ({code}); check its body and query.", code < 500 ? "invalid_request" : "internal_error"),
        };
    }

    private static string Allowed(HttpContext context) =>
        context.Response.Headers.Allow.ToString() is { Length: > 0 } allow ? allow : "another method";

    private static ErrorDto TooLarge() => new(
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The request is too large: the limit is {SpecLimits.MaxRequestBodyBytes:N0} bytes (SpecLimits.MaxRequestBodyBytes), and a spec may hold {SpecLimits.MaxSpecChars:N0} characters (SpecLimits.MaxSpecChars); nothing was stored."),
        "too_large");

    private static (int Status, ErrorDto Error)? Map(Exception ex) => ex switch
    {
        SpecValidationException spec => (StatusCodes.Status400BadRequest, new ErrorDto(
            spec.Errors.Count == 1 ? "The spec has a problem; nothing was stored." : $"The spec has {spec.Errors.Count} problems; nothing was stored.",
            "invalid_spec",
            [.. spec.Errors.Select(e => new ProblemItem(e.File, e.Line, e.Column, e.Field, e.Message))])),
        TaskNotFoundException nf => (StatusCodes.Status404NotFound, new ErrorDto(nf.Message, "not_found")),
        InvalidTransitionException it => (StatusCodes.Status409Conflict, new ErrorDto(it.Message, "invalid_transition")),
        ProjectException pe => (StatusCodes.Status400BadRequest, new ErrorDto(pe.Message, "invalid_project")),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, TooLarge()),
        BadHttpRequestException bad => (bad.StatusCode, new ErrorDto($"The request could not be read: {Reason(bad)}", "invalid_request")),
        ArgumentException arg => (StatusCodes.Status400BadRequest, new ErrorDto(arg.Message, "invalid_request")),
        _ => null,
    };

    /// <summary>The framework's message with the JSON reader's (which names the property and position), when there is one.</summary>
    private static string Reason(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message.TrimEnd('.')}: {json.Message}" : bad.Message;
}
