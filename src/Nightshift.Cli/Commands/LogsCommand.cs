using System.CommandLine;
using System.Globalization;
using Nightshift.Cli.Shell;
using Nightshift.Client;

namespace Nightshift.Cli.Commands;

internal static class LogsCommand
{
    private const int PageSize = 1000;

    private static readonly HashSet<string> Settled = ["InReview", "Merged", "Failed", "Cancelled", "Blocked", "Conflict", "NeedsInput", "AwaitingPlanApproval"];

    public static Command Create(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new events until the task waits for a human or ends" };
        var output = new Option<bool>("--output") { Description = "Print what the agent printed, all of it as kept (also what the event log left out over the output limit)" };
        var attempt = new Option<int?>("--run") { Description = "With --output: which run, by its number on the task (the N of \"Run N started\"); the latest by default" };
        var command = new Command("logs", "Print a task's event log, all of it, page by page; without a server, as the database was left (read-only)") { task, follow, output, attempt };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var reader = await ctx.ReadAsync(ct);
            var id = parse.GetValue(task)!;
            if (parse.GetValue(output))
            {
                await using var kept = await reader.GetOutputAsync(id, parse.GetValue(attempt), ct);
                using var text = new StreamReader(kept);
                while (await text.ReadLineAsync(ct) is { } line)
                {
                    ctx.Output.Line(line);
                }
                return ExitCodes.Ok;
            }
            long after = 0;
            while (true)
            {
                var events = await reader.GetEventsAsync(id, after, PageSize, ct);
                foreach (var e in events)
                {
                    Print(ctx, e);
                    after = e.Seq;
                }
                if (events.Count > 0)
                {
                    // Every page, not just the first: the log may hold far more than one page.
                    continue;
                }
                if (!parse.GetValue(follow))
                {
                    return ExitCodes.Ok;
                }
                if (reader is not NightshiftClient)
                {
                    // Read from the database with no server: nothing will come, so following would wait forever.
                    ctx.Output.Error("note: not following: with no server running, no new events come.");
                    return ExitCodes.Ok;
                }
                var detail = await reader.GetTaskAsync(id, ct);
                if (Settled.Contains(detail.Task.State) && (await reader.GetEventsAsync(id, after, 1, ct)).Count == 0)
                {
                    return ExitCodes.Ok;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
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
