using System.CommandLine;
using Nightshift.Cli.Shell;

namespace Nightshift.Cli.Commands;

internal static class DiffCommand
{
    public static Command Create(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var command = new Command("diff", "Print what the task's branch changes, against its merge base with the base branch") { task };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            var diff = (await client.GetDiffAsync(parse.GetValue(task)!, ct)).TrimEnd();
            await ctx.Output.PagedAsync(o => o.Line(diff), ct);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
