using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Git;
using Nightshift.Core.Specs;
using Nightshift.Core.Storage;
namespace Nightshift.Core.Projects;

/// <summary>Registers repositories and reads their <c>.nightshift/project.yml</c>.</summary>
public sealed class ProjectRegistry(IDbContextFactory<NightshiftDb> dbs, GitCli git, TimeProvider time)
{
    public const string ConfigRelativePath = ".nightshift/project.yml";

    /// <summary>Registers the repository containing <paramref name="path"/>; the same repository twice gives the same project.</summary>
    public async Task<ProjectRecord> RegisterAsync(string path, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(path))
        {
            throw new ProjectException($"'{path}' does not exist. Run `nightshift init` inside a git repository.");
        }
        if (await RepositoryCheck.NotAWorkTreeAsync(git, path, cancellationToken) is { } notAWorkTree)
        {
            throw new ProjectException(notAWorkTree);
        }
        var top = await git.RunCheckedAsync(path, ["rev-parse", "--show-toplevel"], cancellationToken);
        var repoPath = Path.GetFullPath(top.StdOut.Trim());
        await RepositoryCheck.EnsureSupportedAsync(git, repoPath, "HEAD", cancellationToken);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var existing = await db.Projects.SingleOrDefaultAsync(p => p.RepoPath == repoPath, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }
        var baseName = Path.GetFileName(repoPath);
        var name = baseName;
        for (var n = 2; await db.Projects.AnyAsync(p => p.Name == name, cancellationToken); n++)
        {
            name = $"{baseName}-{n}";
        }
        var project = new ProjectRecord { Name = name, RepoPath = repoPath, CreatedAt = time.GetUtcNow() };
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        return project;
    }

    /// <summary>Refuses a project whose <paramref name="branch"/> uses Git LFS or has submodules (see <see cref="RepositoryCheck"/>).</summary>
    public Task EnsureSupportedAsync(ProjectRecord project, string branch, CancellationToken cancellationToken) =>
        RepositoryCheck.EnsureSupportedAsync(git, project.RepoPath, RefNames.BranchPrefix + branch, cancellationToken);

    /// <summary>Finds a project by id or name; with none given, the only project there is.</summary>
    public async Task<ProjectRecord> FindAsync(string? idOrName, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(idOrName))
        {
            var all = await db.Projects.Take(2).ToListAsync(cancellationToken);
            return all.Count switch
            {
                1 => all[0],
                0 => throw new ProjectException("No repository is registered. Run `nightshift init` inside your repository."),
                _ => throw new ProjectException("Several repositories are registered: name one with --project (see `nightshift projects`)."),
            };
        }
        var project = long.TryParse(idOrName, out var id)
            ? await db.Projects.SingleOrDefaultAsync(p => p.Id == new ProjectId(id), cancellationToken)
            : await db.Projects.SingleOrDefaultAsync(p => p.Name == idOrName || p.RepoPath == idOrName, cancellationToken);
        return project ?? throw new ProjectException($"No project '{idOrName}'. Register it with `nightshift init` in its repository.");
    }

    /// <summary>Reads the project's configuration; a missing file means the defaults, an invalid one is an error naming the line.</summary>
    public static async Task<ProjectConfig> LoadConfigAsync(ProjectRecord project, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(project.RepoPath))
        {
            throw new ProjectException($"The repository of project '{project.Name}' is missing: '{project.RepoPath}' does not exist.");
        }
        var file = Path.Combine(project.RepoPath, ConfigRelativePath);
        if (!File.Exists(file))
        {
            return new ProjectConfig();
        }
        var size = new FileInfo(file).Length;
        if (size > SpecLimits.MaxProjectFileBytes)
        {
            // Not read at all: a file this size is a mistake or an attack, and reading it is the cost.
            throw new SpecValidationException([new SpecError(file, 1, 1, "project", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"is too large: {size:N0} bytes, over the limit of {SpecLimits.MaxProjectFileBytes:N0} (SpecLimits.MaxProjectFileBytes); a project file holds a few settings"))]);
        }
        var text = await File.ReadAllTextAsync(file, cancellationToken);
        var parsed = ProjectConfigParser.Parse(text, file);
        if (!parsed.IsValid)
        {
            throw new SpecValidationException(parsed.Errors);
        }
        return parsed.Config!;
    }

    /// <summary>
    /// Why the project cannot run tasks now (a missing repository, an invalid or oversized project
    /// file), or null when its configuration loads. A broken project is shown with this; it never
    /// stops the server or the other projects.
    /// </summary>
    public static async Task<string?> ProblemAsync(ProjectRecord project, CancellationToken cancellationToken)
    {
        try
        {
            await LoadConfigAsync(project, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is SpecValidationException or ProjectException or IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }
}
