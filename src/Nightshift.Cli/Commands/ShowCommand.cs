using System.CommandLine;
using System.Globalization;
using Nightshift.Cli.Shell;
using Nightshift.Cli.Terminal;

namespace Nightshift.Cli.Commands;

internal static class ShowCommand
{
    public static Command Create(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var command = new Command("show", "Show a task: state, spec, plan, runs, reviews and comments; without a server, as the database was left (read-only)") { task };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var reader = await ctx.ReadAsync(ct);
            var detail = await reader.GetTaskAsync(parse.GetValue(task)!, ct);
            var t = detail.Task;
            var o = ctx.Output;
            o.Markup($"[bold]#{t.Id} {t.Title}[/]  [{Output.StateColour(t.State)}]{t.State}[/]", $"#{t.Id} {t.Title}\nstate: {t.State}");
            if (t.StateReason is not null)
            {
                o.Line($"reason: {t.StateReason}");
            }
            foreach (var waiting in t.Waiting)
            {
                o.Line($"waiting: {waiting}");
            }
            if (t.ProgressPercent is { } percent)
            {
                o.Line($"progress: {percent}% {t.ProgressLine}");
            }
            o.Line($"agent: {t.Agent}{(t.Model is { } model ? $" (model {model})" : string.Empty)}   priority: {t.Priority}   base: {t.BaseBranch}   branch: {t.Branch}");
            if (t.HeadCommit is not null)
            {
                o.Line($"head: {t.HeadCommit}");
            }
            if (t.MergedCommit is not null)
            {
                o.Line($"merged: {t.MergedCommit}");
            }
            if (detail.WorktreePath is not null)
            {
                o.Line($"worktree: {detail.WorktreePath}");
            }
            if (t.DependsOn.Count > 0)
            {
                o.Line($"depends on: {string.Join(", ", t.DependsOn.Select(d => $"#{d}"))}");
            }
            if (detail.Checks.Count > 0)
            {
                o.Line($"checks: {string.Join(" ; ", detail.Checks)}");
            }
            o.Line();
            o.Line(detail.Body);
            if (t.PlanText is not null)
            {
                o.Line();
                PlanCommand.Print(o, t);
            }
            if (detail.Runs.Count > 0)
            {
                o.Line();
                o.Table(
                    ["Run", "State", "Started", "Ended", "Exit", "Error"],
                    detail.Runs.Select(r => (IReadOnlyList<string>)[
                        r.Attempt.ToString(CultureInfo.InvariantCulture), r.State, r.StartedAt.ToString("u", CultureInfo.InvariantCulture),
                        r.EndedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-", r.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-", r.Error ?? string.Empty]));
            }
            foreach (var review in detail.Reviews)
            {
                o.Line($"review: {review.Decision} by {review.Reviewer} at {review.CreatedAt:u}{(review.Message is null ? string.Empty : $": {review.Message}")}");
            }
            foreach (var c in detail.Comments)
            {
                // The run by its number on the task: the Run column above, and the log's "Run N started".
                var delivered = c.DeliveredAt is { } at ? $"delivered {at:u} to run {c.DeliveredToAttempt}" : "pending";
                o.Line($"comment {c.Id} ({c.Mode}, {delivered}): {c.Body}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
