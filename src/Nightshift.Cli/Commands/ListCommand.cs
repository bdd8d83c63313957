using System.CommandLine;
using Nightshift.Cli.Shell;
using Nightshift.Client;
using Nightshift.Core.Tasks;

namespace Nightshift.Cli.Commands;

internal static class ListCommand
{
    public static Command Create(CliContext ctx)
    {
        var state = new Option<string?>("--state", "-s") { Description = "Only tasks in this state (Queued, Running, InReview, Merged, Failed…)" };
        var project = new Option<string?>("--project", "-p") { Description = "Only tasks of this project (its id or name, as `nightshift projects` lists them)" };
        var label = new Option<string?>("--label", "-l") { Description = "Only tasks with this label" };
        var agent = new Option<string?>("--agent", "-a") { Description = "Only tasks for this agent" };
        var command = new Command("ls", "List tasks; without a server, as the database was left (read-only)") { state, project, label, agent };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            var query = Query(parse.GetValue(state), parse.GetValue(project), parse.GetValue(label), parse.GetValue(agent));
            using var reader = await ctx.ReadAsync(ct);
            var tasks = await reader.ListTasksAsync(query, ct);
            if (tasks.Count == 0 && ctx.Output.IsInteractive)
            {
                ctx.Output.Line(query == default ? "No tasks. Add one with `nightshift add spec.md`." : "No tasks match.");
                return ExitCodes.Ok;
            }
            // Queued work that is not starting says why, in its note: what holds this task (a busy
            // slot, its agent's usage limit), then what holds the whole node (a full disk, a paused queue).
            IReadOnlyList<string> holds = tasks.Any(t => t.State == "Queued") ? [.. (await reader.GetNodesAsync(ct)).Waiting.Where(w => w.Kind == "Paused").Select(w => w.Message)] : [];
            ctx.Output.Table(
                ["ID", "State", "Priority", "Agent", "Title", "Note"],
                tasks.Select(t => (IReadOnlyList<string>)[
                    t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t.State, t.Priority, t.Agent, t.Title,
                    t.StateReason ?? (t.State == "Queued" ? string.Join("; ", t.Waiting.Concat(holds).Distinct()) : string.Empty)]));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The filter, checked here by the same parser the server uses, so a wrong state is a usage error before anything is asked.</summary>
    private static TaskListQuery Query(string? state, string? project, string? label, string? agent)
    {
        try
        {
            var filter = TaskFilter.Parse(state, project, label, agent);
            return new TaskListQuery(filter.State?.ToString(), filter.Project, filter.Label, filter.Agent);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException($"--state: {ex.Message}");
        }
    }
}
