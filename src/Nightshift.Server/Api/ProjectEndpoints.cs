using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Nightshift.Client;
using Nightshift.Core.Projects;
using Nightshift.Core.Storage;

namespace Nightshift.Server.Api;

public static class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjectEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/projects");
        group.MapGet("/", async (IDbContextFactory<NightshiftDb> dbs, CancellationToken ct) =>
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var projects = await db.Projects.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
            var listed = new List<ProjectDto>(projects.Count);
            foreach (var project in projects)
            {
                listed.Add(Dto.From(project) with { Problem = await ProjectRegistry.ProblemAsync(project, ct) });
            }
            return listed;
        });
        group.MapPost("/", async (RegisterProjectRequest request, ProjectRegistry registry, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Path))
            {
                throw new ArgumentException("Say which repository to register: { \"path\": \"/path/to/repo\" }.");
            }
            var project = await registry.RegisterAsync(request.Path, ct);
            return Results.Ok(Dto.From(project) with { Problem = await ProjectRegistry.ProblemAsync(project, ct) });
        });
        return group;
    }
}
