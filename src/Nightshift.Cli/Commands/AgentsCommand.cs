using System.CommandLine;
using Nightshift.Cli.Connection;
using Nightshift.Cli.Shell;
using Nightshift.Client;
using Nightshift.Core.Agents;
using Nightshift.Core.Engine;
using Nightshift.Core.Processes;
using Nightshift.Server.Api;

namespace Nightshift.Cli.Commands;

/// <summary>
/// `nightshift agents`: with a server running, the agents as the server sees them (it runs the
/// tasks), and per agent where this machine differs; with none, the agents this machine has, as
/// `nightshift up` here would run them.
/// </summary>
internal static class AgentsCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("agents", "List the agents a spec can name: available or not, CLI version, what each supports, how each CLI signs in (the server's view when one runs, else this machine's)");
        command.SetAction((_, ct) => ctx.RunAsync(async () =>
        {
            var here = await HereAsync(ctx, ct);
            if (await ServerConnection.NotRunningAsync(ctx.Home, ct) is { } why)
            {
                ctx.Output.Error($"note: no server is running{why}; these are the agents on this machine, as `nightshift up` here would run them.");
                Print(ctx, here);
                return ExitCodes.Ok;
            }
            using var client = ctx.Connect();
            var server = await client.ListAgentsAsync(ct);
            ctx.Output.Error("note: these are the agents as the running server sees them (it runs the tasks).");
            Print(ctx, server);
            foreach (var difference in AgentDifferences.Between(server, here))
            {
                ctx.Output.Error($"note: {difference}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Print(CliContext ctx, IReadOnlyList<AgentDto> agents) =>
        ctx.Output.Table(
            ["Agent", "Available", "CLI", "Version", "Supports", "Sign-in", "Note"],
            agents.Select(a => (IReadOnlyList<string>)[
                a.Name, a.Available ? "yes" : "no", a.Executable ?? "-", a.Version ?? "-", a.Supports.Count == 0 ? "-" : string.Join(", ", a.Supports), a.SignIn ?? "-", a.Note]));

    /// <summary>The agents of this machine, from the same registrations the server makes.</summary>
    private static async Task<IReadOnlyList<AgentDto>> HereAsync(CliContext ctx, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ProcessRunner>()
            .AddAgentRuntimes(ctx.Home)
            .BuildServiceProvider();
        var agents = await services.GetRequiredService<AgentInventory>().ListAsync(cancellationToken);
        return [.. agents.Select(Dto.From)];
    }
}
