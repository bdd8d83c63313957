using System.CommandLine;
using System.Globalization;
using Nightshift.Cli.Shell;
using Nightshift.Cli.Terminal;
using Nightshift.Client;
using Spectre.Console;

namespace Nightshift.Cli.Commands;

/// <summary>
/// `nightshift review [ID]`: one task's review bundle, or, with no id, the whole review queue in
/// priority order — the morning's batch review, one decision per task.
/// </summary>
internal static class ReviewCommand
{
    public static Command Create(CliContext ctx)
    {
        var task = new Argument<string?>("task") { Description = "The task to review (default: walk every task in review)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("review", "Review a task (summary, decisions, checks, diff), or walk the review queue") { task };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            var ids = parse.GetValue(task) is { } one
                ? [one]
                : (await client.ListTasksAsync("InReview", ct))
                    .OrderByDescending(t => PriorityRank(t.Priority)).ThenBy(t => t.Id)
                    .Select(t => t.Id.ToString(CultureInfo.InvariantCulture)).ToList();
            if (ids.Count == 0)
            {
                ctx.Output.Line("Nothing to review.");
                return ExitCodes.Ok;
            }
            foreach (var id in ids)
            {
                var bundle = await client.GetReviewAsync(id, ct);
                await ctx.Output.PagedAsync(o => Print(o, bundle), ct);
                if (!ctx.Output.IsInteractive || bundle.Detail.Task.State != "InReview")
                {
                    continue;
                }
                var choice = AnsiConsole.Prompt(new TextPrompt<char>($"#{id}: [green]a[/]pprove, [yellow]r[/]equest changes, [grey]s[/]kip, [grey]q[/]uit?")
                    .AddChoices(['a', 'r', 's', 'q']).DefaultValue('s'));
                if (choice == 'q')
                {
                    break;
                }
                if (choice == 'a')
                {
                    var t = await client.ApproveAsync(id, null, ct);
                    ctx.Output.Line(t.State == "Merged" ? $"#{id} merged at {t.MergedCommit?[..12]}" : $"#{id} not merged ({t.State}): {t.StateReason}");
                }
                else if (choice == 'r')
                {
                    var why = AnsiConsole.Ask<string>("What should change?");
                    var t = await client.RejectAsync(id, why, ct);
                    ctx.Output.Line($"#{id} is {t.State}; a follow-up run gets your message.");
                }
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int PriorityRank(string p) => p switch { "urgent" => 3, "high" => 2, "normal" => 1, _ => 0 };

    private static void Print(Output o, ReviewBundleDto b)
    {
        var t = b.Detail.Task;
        o.Markup($"[bold]#{t.Id} {t.Title}[/]  [{Output.StateColour(t.State)}]{t.State}[/]  {t.Branch} → {t.BaseBranch}", $"#{t.Id} {t.Title} ({t.State}) {t.Branch} -> {t.BaseBranch}");
        o.Line(b.Detail.Body);
        o.Line();
        o.Line($"Agent summary: {b.Summary ?? "(none)"}");
        foreach (var d in b.Decisions)
        {
            o.Line($"Decision: {d}");
        }
        foreach (var f in b.Flags)
        {
            o.Markup($"[yellow]Flag:[/] {Output.Escape(f)}", $"Flag: {f}");
        }
        var head = t.HeadCommit;
        if (b.Checks.Count == 0)
        {
            o.Line("Checks: none configured — nothing verified this result.");
        }
        foreach (var c in b.Checks)
        {
            var onHead = c.Commit is not null && c.Commit == head ? "on the reviewed commit" : $"on {c.Commit?[..Math.Min(12, c.Commit.Length)] ?? "?"} (not the reviewed commit)";
            var plain = $"{(c.Passed ? "passed" : "FAILED")} {c.Command} ({c.Duration.TotalSeconds:0.0}s, {onHead})";
            if (c.Passed)
            {
                o.Markup($"[green]passed[/] {c.Command} [grey]({c.Duration.TotalSeconds:0.0}s, {onHead})[/]", plain);
            }
            else
            {
                o.Markup($"[red]FAILED[/] {c.Command} [grey]({c.Duration.TotalSeconds:0.0}s, {onHead})[/]", plain);
            }
        }
        o.Line();
        foreach (var line in b.Diff.Split('\n'))
        {
            var colour = line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) ? "bold"
                : line.StartsWith('+') ? "green" : line.StartsWith('-') ? "red" : line.StartsWith("@@", StringComparison.Ordinal) ? "cyan"
                : line.StartsWith("diff ", StringComparison.Ordinal) ? "bold yellow" : null;
            o.Markup($"[{colour ?? "default"}]{line}[/]", line);
        }
    }
}
