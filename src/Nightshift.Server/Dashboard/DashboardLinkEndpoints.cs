using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Client;

namespace Nightshift.Server.Dashboard;

/// <summary>`nightshift dashboard` asks here (with the access token) for a fresh one-time sign-in link.</summary>
public static class DashboardLinkEndpoints
{
    public static void MapDashboardLinks(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/dashboard/links", (HttpContext context, SignInLinks links) =>
        {
            var request = context.Request;
            var url = $"{request.Scheme}://{request.Host}{SignInLinks.PathPrefix}{links.Issue()}";
            return new SignInLinkDto(url, SignInLinks.Lifetime);
        });
}
