using System.CommandLine;
using System.Globalization;
using Nightshift.Cli.Shell;

namespace Nightshift.Cli.Commands;

internal static class InboxCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("inbox", "What needs you, most urgent first: questions, plans, conflicts, failures, reviews");
        command.SetAction((_, ct) => ctx.RunAsync(async () =>
        {
            using var reader = await ctx.ReadAsync(ct);
            var items = await reader.GetInboxAsync(ct);
            // A paused node needs a person too: queued work waits until someone frees it. An agent's
            // usage limit needs nobody, but says why its work waits and until when.
            var holds = (await reader.GetNodesAsync(ct)).Waiting;
            if (items.Count == 0 && holds.Count == 0)
            {
                ctx.Output.Line("Inbox zero: nothing waits for you.");
                return ExitCodes.Ok;
            }
            var now = TimeProvider.System.GetUtcNow();
            ctx.Output.Table(
                ["ID", "Kind", "Task", "Waiting", "Why", "Do"],
                holds.Select(h => (IReadOnlyList<string>)["-", h.Kind == "AgentLimit" ? "usage limit" : "paused", "queued work is not starting", "-", h.Message, h.Remedy])
                    .Concat(items.Select(i => (IReadOnlyList<string>)[
                        i.Task.Id.ToString(CultureInfo.InvariantCulture), i.Kind, i.Task.Title, Ago(now - i.Since), i.Summary, i.Action])));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Ago(TimeSpan t) =>
        t.TotalMinutes < 1 ? $"{t.TotalSeconds:0}s" : t.TotalHours < 1 ? $"{t.TotalMinutes:0}m" : t.TotalDays < 1 ? $"{t.TotalHours:0.#}h" : $"{t.TotalDays:0.#}d";
}
