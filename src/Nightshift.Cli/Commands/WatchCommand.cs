using System.CommandLine;
using System.Globalization;
using Nightshift.Cli.Shell;
using Nightshift.Client;
using Spectre.Console;

namespace Nightshift.Cli.Commands;

internal static class WatchCommand
{
    public static Command Create(CliContext ctx)
    {
        var once = new Option<bool>("--once") { Description = "Print one snapshot and exit (the default when output is not a terminal)" };
        var command = new Command("watch", "Show every running task with a progress bar, live") { once };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            if (parse.GetValue(once) || !ctx.Output.IsInteractive)
            {
                ctx.Output.Table(
                    ["ID", "State", "Progress", "Task", "Last line"],
                    (await client.GetActivityAsync(ct)).Select(a => (IReadOnlyList<string>)[
                        a.Task.Id.ToString(CultureInfo.InvariantCulture), a.Task.State, a.Percent is { } p ? $"{p}%" : "-", a.Task.Title, a.LastLine ?? string.Empty]));
                return ExitCodes.Ok;
            }
            await AnsiConsole.Live(new Text("…")).StartAsync(async live =>
            {
                while (!ct.IsCancellationRequested)
                {
                    live.UpdateTarget(Render(await client.GetActivityAsync(ct)));
                    await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                }
            });
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Table Render(IReadOnlyList<TaskActivityDto> activity)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("ID", "State", "Progress", "Elapsed", "Task", "Last line");
        foreach (var a in activity)
        {
            var bar = a.Percent is { } p ? new string('█', p / 5).PadRight(20, '░') + $" {p,3}%" : "      working…";
            var elapsed = a.RunStartedAt is { } s ? (TimeProvider.System.GetUtcNow() - s).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "-";
            table.AddRow(
                a.Task.Id.ToString(CultureInfo.InvariantCulture),
                $"[{Terminal.Output.StateColour(a.Task.State)}]{Terminal.Output.Escape(a.Task.State)}[/]",
                bar,
                elapsed,
                Terminal.Output.Escape(a.Task.Title),
                Terminal.Output.Escape(Truncate(a.LastLine ?? string.Empty, 60)));
        }
        if (activity.Count == 0)
        {
            table.AddRow("-", "idle", string.Empty, string.Empty, "No task is running.", string.Empty);
        }
        return table;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
