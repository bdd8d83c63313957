using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Nightshift.Client;

namespace Nightshift.Server.Auth;

/// <summary>Refuses every API call that does not carry the access token as a bearer token.</summary>
public static class TokenAuthentication
{
    public static IApplicationBuilder UseAccessToken(this IApplicationBuilder app, AccessToken token) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                await next(context);
                return;
            }
            var header = context.Request.Headers.Authorization.ToString();
            var presented = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
            if (!token.Matches(presented))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsJsonAsync(
                    new ErrorDto(
                        presented is null
                            ? "This call needs the access token: send `Authorization: Bearer <token>`; the token is in the file `token` in Nightshift's data folder."
                            : "The access token is wrong. Use the one in the file `token` in Nightshift's data folder.",
                        "unauthorized"),
                    NightshiftClient.Json);
                return;
            }
            await next(context);
        });
}
