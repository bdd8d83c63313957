using System.CommandLine;
using System.Globalization;
using Nightshift.Cli.Shell;

namespace Nightshift.Cli.Commands;

internal static class ProjectsCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("projects", "List registered repositories; a broken one (e.g. an invalid .nightshift/project.yml) says why");
        command.SetAction((_, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            var projects = await client.ListProjectsAsync(ct);
            if (projects.Count == 0 && ctx.Output.IsInteractive)
            {
                ctx.Output.Line("No projects. Run `nightshift init` inside your repository.");
                return ExitCodes.Ok;
            }
            ctx.Output.Table(
                ["ID", "Name", "Repository", "Status"],
                projects.Select(p => (IReadOnlyList<string>)[
                    p.Id.ToString(CultureInfo.InvariantCulture), p.Name, p.RepoPath, p.Problem is null ? "ok" : $"broken: {p.Problem.ReplaceLineEndings(" ")}"]));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
