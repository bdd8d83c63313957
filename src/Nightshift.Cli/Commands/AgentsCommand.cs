using System.CommandLine;
using Nightshift.Cli.Shell;

namespace Nightshift.Cli.Commands;

internal static class AgentsCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("agents", "List the agents a spec can name: available here or not, CLI version, what each supports, how each CLI signs in");
        command.SetAction((_, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            var agents = await client.ListAgentsAsync(ct);
            ctx.Output.Table(
                ["Agent", "Available", "CLI", "Version", "Supports", "Sign-in", "Note"],
                agents.Select(a => (IReadOnlyList<string>)[
                    a.Name, a.Available ? "yes" : "no", a.Executable ?? "-", a.Version ?? "-", a.Supports.Count == 0 ? "-" : string.Join(", ", a.Supports), a.SignIn ?? "-", a.Note]));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
