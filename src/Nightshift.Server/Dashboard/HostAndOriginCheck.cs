using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Nightshift.Client;

namespace Nightshift.Server.Dashboard;

/// <summary>
/// Refuses requests whose Host is not a name this server answers to (so a DNS-rebinding page
/// cannot reach it under its own name) and requests whose Origin is another site (so no page
/// elsewhere can drive the dashboard's circuit or the API from the user's browser).
/// </summary>
public static class HostAndOriginCheck
{
    public static IApplicationBuilder UseHostAndOriginCheck(this IApplicationBuilder app, IReadOnlyCollection<string> allowedHosts)
    {
        var hosts = new HashSet<string>(["127.0.0.1", "localhost", "[::1]", .. allowedHosts], StringComparer.OrdinalIgnoreCase);
        return app.Use(async (context, next) =>
        {
            var host = context.Request.Host;
            if (!host.HasValue || !hosts.Contains(host.Host))
            {
                await RefuseAsync(context,
                    $"Host '{host.Value}' is not one this Nightshift server answers to. Open it as http://127.0.0.1:{context.Connection.LocalPort}/, or start `nightshift up` with --allowed-host for another name.",
                    "bad_host");
                return;
            }
            var origin = context.Request.Headers.Origin.ToString();
            if (origin.Length > 0 && !SameOrigin(origin, context))
            {
                await RefuseAsync(context,
                    $"Requests from '{origin}' are refused: only pages served by this Nightshift server may call it.",
                    "bad_origin");
                return;
            }
            await next(context);
        });
    }

    private static bool SameOrigin(string origin, HttpContext context) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, context.Request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static Task RefuseAsync(HttpContext context, string message, string code)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsJsonAsync(new ErrorDto(message, code), NightshiftClient.Json);
    }
}
