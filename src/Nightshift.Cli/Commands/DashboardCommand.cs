using System.CommandLine;
using Nightshift.Cli.Shell;

namespace Nightshift.Cli.Commands;

internal static class DashboardCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("dashboard", "Print a link that signs a browser in to the dashboard (once)");
        command.SetAction((_, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            var link = await client.NewSignInLinkAsync(ct);
            ctx.Output.Line(link.Url);
            ctx.Output.Line($"The link works once, within {link.ValidFor.TotalHours:0} hours; the browser then stays signed in.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
