using System.CommandLine;

namespace Nightshift.Cli.Commands;

internal static class ListCommand
{
    public static Command Create(CliContext ctx)
    {
        var state = new Option<string?>("--state", "-s") { Description = "Only tasks in this state (Queued, Running, InReview, Merged, Failed…)" };
        var command = new Command("ls", "List tasks") { state };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            var tasks = await client.ListTasksAsync(parse.GetValue(state), ct);
            if (tasks.Count == 0 && ctx.Output.IsInteractive)
            {
                ctx.Output.Line("No tasks. Add one with `nightshift add spec.md`.");
                return ExitCodes.Ok;
            }
            // Queued work that is not starting says why, in its note.
            var waiting = tasks.Any(t => t.State == "Queued") ? string.Join("; ", (await client.GetNodesAsync(ct)).Waiting.Select(w => w.Message)) : string.Empty;
            ctx.Output.Table(
                ["ID", "State", "Priority", "Agent", "Title", "Note"],
                tasks.Select(t => (IReadOnlyList<string>)[
                    t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t.State, t.Priority, t.Agent, t.Title,
                    t.StateReason ?? (t.State == "Queued" ? waiting : string.Empty)]));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
