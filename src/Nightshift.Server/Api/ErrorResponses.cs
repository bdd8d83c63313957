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
    public static IApplicationBuilder UseErrorResponses(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
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

    private static (int Status, ErrorDto Error)? Map(Exception ex) => ex switch
    {
        SpecValidationException spec => (StatusCodes.Status400BadRequest, new ErrorDto(
            spec.Errors.Count == 1 ? "The spec has a problem; nothing was stored." : $"The spec has {spec.Errors.Count} problems; nothing was stored.",
            "invalid_spec",
            [.. spec.Errors.Select(e => new ProblemItem(e.File, e.Line, e.Column, e.Field, e.Message))])),
        TaskNotFoundException nf => (StatusCodes.Status404NotFound, new ErrorDto(nf.Message, "not_found")),
        InvalidTransitionException it => (StatusCodes.Status409Conflict, new ErrorDto(it.Message, "invalid_transition")),
        ProjectException pe => (StatusCodes.Status400BadRequest, new ErrorDto(pe.Message, "invalid_project")),
        BadHttpRequestException bad => (StatusCodes.Status400BadRequest, new ErrorDto($"The request could not be read: {bad.Message}", "invalid_request")),
        ArgumentException arg => (StatusCodes.Status400BadRequest, new ErrorDto(arg.Message, "invalid_request")),
        _ => null,
    };
}
