using System.CommandLine;
using Nightshift.Cli.Connection;
using Nightshift.Cli.Shell;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Engine;
using Nightshift.Core.Git;
using Nightshift.Core.Projects;
using Nightshift.Core.Storage;

namespace Nightshift.Cli.Commands;

internal static class InitCommand
{
    public static Command Create(CliContext ctx)
    {
        var path = new Option<string>("--path") { Description = "The repository (default: the current folder)", DefaultValueFactory = _ => "." };
        var command = new Command("init", "Register the repository here with Nightshift and write .nightshift/project.yml if missing") { path };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            var folder = Path.GetFullPath(parse.GetValue(path)!);
            var git = new GitCli();
            if (await RepositoryCheck.NotAWorkTreeAsync(git, folder, ct) is { } notAWorkTree)
            {
                throw new CliUsageException(notAWorkTree);
            }
            var top = await git.RunAsync(folder, ["rev-parse", "--show-toplevel"], ct);
            var repo = top.StdOut.Trim();
            var configFile = Path.Combine(repo, ProjectRegistry.ConfigRelativePath);
            if (!File.Exists(configFile))
            {
                var branch = (await git.RunAsync(repo, ["symbolic-ref", "--quiet", "--short", "HEAD"], ct)).StdOut.Trim();
                Directory.CreateDirectory(Path.GetDirectoryName(configFile)!);
                await File.WriteAllTextAsync(configFile, ProjectConfigParser.DefaultYaml(branch.Length > 0 ? branch : "main"), ct);
                ctx.Output.Line($"Wrote {ProjectRegistry.ConfigRelativePath} (defaults: agent, checks, target branch, merge strategy). Commit it with your code.");
            }
            var (id, name) = await RegisterAsync(ctx, repo, ct);
            ctx.Output.Line($"Registered {repo} as project {id} ({name}).");
            ctx.Output.Line("Next: `nightshift up` to start the server, then `nightshift add spec.md`.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Through the running server when there is one; straight into the store otherwise, so init works before up.</summary>
    private static async Task<(long Id, string Name)> RegisterAsync(CliContext ctx, string repo, CancellationToken ct)
    {
        if (ServerConnection.IsRunning(ctx.Home))
        {
            using var client = ctx.Connect();
            var p = await client.RegisterProjectAsync(repo, ct);
            return (p.Id, p.Name);
        }
        var services = new ServiceCollection().AddNightshiftEngine(ctx.Home, new WorkerOptions());
        await using var provider = services.BuildServiceProvider();
        ctx.Home.EnsureExists();
        StoreAccess.EnsureWritable(ctx.Home.DatabasePath);
        await Database.MigrateAsync(Database.SqliteOptions(ctx.Home.DatabasePath), ct);
        var project = await provider.GetRequiredService<ProjectRegistry>().RegisterAsync(repo, ct);
        return (project.Id.Value, project.Name);
    }
}
