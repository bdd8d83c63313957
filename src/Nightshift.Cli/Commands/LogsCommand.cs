using System.CommandLine;
using System.Globalization;
using Nightshift.Client;

namespace Nightshift.Cli.Commands;

internal static class LogsCommand
{
    private static readonly HashSet<string> Settled = ["InReview", "Merged", "Failed", "Cancelled", "Blocked", "Conflict", "NeedsInput", "AwaitingPlanApproval"];

    public static Command Create(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new events until the task waits for a human or ends" };
        var command = new Command("logs", "Print a task's event log") { task, follow };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            var id = parse.GetValue(task)!;
            long after = 0;
            while (true)
            {
                var events = await client.GetEventsAsync(id, after, ct);
                foreach (var e in events)
                {
                    Print(ctx, e);
                    after = e.Seq;
                }
                if (!parse.GetValue(follow))
                {
                    return ExitCodes.Ok;
                }
                if (events.Count == 0)
                {
                    var detail = await client.GetTaskAsync(id, ct);
                    if (Settled.Contains(detail.Task.State) && (await client.GetEventsAsync(id, after, ct)).Count == 0)
                    {
                        return ExitCodes.Ok;
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                }
            }
        }));
        return command;
    }

    private static void Print(CliContext ctx, EventDto e)
    {
        var at = e.At.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        ctx.Output.Markup(
            $"[grey]{at} {e.Seq,5}[/] [blue]{e.Kind,-11}[/] {e.Message}",
            $"{at}\t{e.Seq}\t{e.Kind}\t{e.Message}");
    }
}
