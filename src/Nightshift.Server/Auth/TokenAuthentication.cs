using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Nightshift.Client;
using Nightshift.Core.Bridge;

namespace Nightshift.Server.Auth;

/// <summary>
/// The one place that decides who may call what. The API (<c>/api</c>) and the control MCP server
/// (<c>/mcp</c>) take the user's access token; a run's bridge (<c>/mcp/runs/{runId}</c>) takes that
/// run's token only, while the run lasts. A run's token opens nothing else, and the user's token
/// does not open a bridge: a bridge speaks for its agent, and only the agent has its token. No call
/// but a bridge's is taken from a process of a run, whatever token it presents (<see cref="RunProcessGuard"/>).
/// </summary>
public static class TokenAuthentication
{
    /// <summary>The key under which an authenticated bridge request carries its <see cref="RunBridge"/>.</summary>
    public static readonly object RunBridgeKey = typeof(RunBridge);

    private const string TokenFile = "the token is in the file `token` in Nightshift's data folder";

    public static IApplicationBuilder UseAccessToken(this IApplicationBuilder app, AccessToken token, BridgeIssuer bridges) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var presented = Presented(context.Request);
            string? refusal;
            if (path.StartsWithSegments("/" + BridgeIssuer.RunsPath, StringComparison.Ordinal, out var rest))
            {
                refusal = AuthenticateBridge(context, rest, presented, bridges);
            }
            else if (path.StartsWithSegments("/api", StringComparison.Ordinal) || path.StartsWithSegments("/mcp", StringComparison.Ordinal))
            {
                refusal = token.Matches(presented) ? null
                    : presented is null ? $"This call needs the access token: send `Authorization: Bearer <token>`; {TokenFile}."
                    : bridges.IsRunToken(presented) ? "A run's bridge token opens only that run's MCP endpoint; this call needs the user's access token."
                    : $"The access token is wrong; {TokenFile}.";
            }
            else
            {
                refusal = null;
            }
            if (refusal is null && !path.StartsWithSegments("/" + BridgeIssuer.RunsPath, StringComparison.Ordinal)
                && RunProcessGuard.Refusal(context, api: path.StartsWithSegments("/api", StringComparison.Ordinal) || path.StartsWithSegments("/mcp", StringComparison.Ordinal)) is { } fromRun)
            {
                // Checked after the token, whatever the token: even the user's token, read from the
                // data folder by an agent, does not let a run act as the person it works for.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new ErrorDto(fromRun, "forbidden_from_run"), NightshiftClient.Json);
                return;
            }
            if (refusal is not null)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsJsonAsync(new ErrorDto(refusal, "unauthorized"), NightshiftClient.Json);
                return;
            }
            await next(context);
        });

    private static string? AuthenticateBridge(HttpContext context, PathString rest, string? presented, BridgeIssuer bridges)
    {
        var segment = rest.Value?.TrimStart('/').Split('/')[0];
        if (!long.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var runId))
        {
            return $"'{segment}' is not a run id; a run's bridge is at /{BridgeIssuer.RunsPath}/<run id>.";
        }
        if (bridges.Find(runId, presented) is not { } bridge)
        {
            // Whether the run exists, ended, or the token belongs to another run is not told apart:
            // a wrong token learns nothing about other runs.
            return $"This is the bridge of run {runId}: it takes the token its agent was given when the run started, and only while the run lasts.";
        }
        context.Items[RunBridgeKey] = bridge;
        return null;
    }

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
    }
}
