using System.CommandLine;
using Nightshift.Cli.Demo;
using Nightshift.Cli.Shell;

namespace Nightshift.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create(CliContext ctx)
    {
        var keep = new Option<string?>("--dir") { Description = "Where to make the sample repository and data folder (default: a new temp folder)" };
        var command = new Command("demo", "Run Nightshift end to end on a sample repository: tasks run, get reviewed and merge") { keep };
        command.SetAction((parse, ct) => ctx.RunAsync(() => new DemoRun(ctx.Output).RunAsync(parse.GetValue(keep), ct)));
        return command;
    }
}
