using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Nightshift.Core.Storage;
using Nightshift.Server.Components;

namespace Nightshift.Server.Dashboard;

/// <summary>
/// The agent manager: Blazor pages with live updates over the circuit, signed in by a cookie
/// that only the access token or a one-time link can obtain.
/// </summary>
public static class DashboardSetup
{
    public const string Scheme = "nightshift-dashboard";

    public static IServiceCollection AddDashboard(this IServiceCollection services, NightshiftHome home)
    {
        // Cookies stay valid across restarts: the keys that protect them live in the data folder.
        services.AddDataProtection()
            .SetApplicationName("nightshift")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(home.Path, "dashboard-keys")));
        services.AddAuthentication(Scheme).AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "nightshift";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            o.AccessDeniedPath = "/signin";
            // A cookie is only as good as its session on the server: signed out is signed out, copies included.
            o.Events.OnValidatePrincipal = async context =>
            {
                var sessions = context.HttpContext.RequestServices.GetRequiredService<DashboardSessions>();
                if (!sessions.IsLive(context.Principal?.FindFirst(DashboardSessions.ClaimType)?.Value))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Scheme);
                }
            };
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(o => o.Cookie.Name = "nightshift-af");
        services.AddSingleton<SignInLinks>();
        services.AddSingleton<DashboardSessions>();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return services;
    }

    public static void MapDashboard(this WebApplication app)
    {
        app.MapStaticAssets(StaticAssetsManifest());
        app.MapGet(SignInLinks.PathPrefix + "{code}", async (string code, HttpContext context, SignInLinks links) =>
        {
            if (!links.TryRedeem(code))
            {
                return Results.Redirect("/signin?link=spent");
            }
            await SignInAsync(context);
            return Results.Redirect("/");
        }).AllowAnonymous();
        // A form post like any other: the antiforgery token is required (and the origin check before it
        // refuses another site), so no page elsewhere can sign the user out.
        app.MapPost("/signout", async (HttpContext context, DashboardSessions sessions, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Json(
                    new Nightshift.Client.ErrorDto("Signing out takes the dashboard's form with its antiforgery token: use the Sign out button.", "antiforgery"),
                    Nightshift.Client.NightshiftClient.Json, statusCode: StatusCodes.Status400BadRequest);
            }
            var result = await context.AuthenticateAsync(Scheme);
            sessions.End(result.Principal?.FindFirst(DashboardSessions.ClaimType)?.Value);
            await context.SignOutAsync(Scheme);
            return Results.Redirect("/signin");
        });
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization();
    }

    /// <summary>Signs the browser in as the one user the access token stands for.</summary>
    public static Task SignInAsync(HttpContext context)
    {
        var session = context.RequestServices.GetRequiredService<DashboardSessions>().Begin();
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, Api.TaskEndpoints.Human), new Claim(DashboardSessions.ClaimType, session)], Scheme);
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
    }

    /// <summary>
    /// The static assets to serve: the host application's manifest (it holds Blazor's own script,
    /// which the SDK adds only to an executable web project, plus this library's and MudBlazor's
    /// files), or this library's own when the host has none.
    /// </summary>
    private static string StaticAssetsManifest()
    {
        var host = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name;
        var hostManifest = host is null ? null : Path.Combine(AppContext.BaseDirectory, host + ".staticwebassets.endpoints.json");
        return hostManifest is not null && File.Exists(hostManifest)
            ? hostManifest
            : Path.Combine(AppContext.BaseDirectory, typeof(DashboardSetup).Assembly.GetName().Name + ".staticwebassets.endpoints.json");
    }
}
