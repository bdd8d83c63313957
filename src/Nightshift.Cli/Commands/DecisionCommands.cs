using System.CommandLine;
using Nightshift.Cli.Shell;
using Nightshift.Client;

namespace Nightshift.Cli.Commands;

/// <summary>approve, reject, cancel, retry: one task, one decision, the task's new state printed.</summary>
internal static class DecisionCommands
{
    public static Command Approve(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var message = new Option<string?>("--message", "-m") { Description = "A note kept with the review" };
        var command = new Command("approve", "Approve a task in review and merge it into its base branch") { task, message };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            var t = await client.ApproveAsync(parse.GetValue(task)!, parse.GetValue(message), ct);
            if (t.State == "Merged")
            {
                ctx.Output.Markup(
                    $"[green]Merged[/] #{t.Id} into {t.BaseBranch} at {t.MergedCommit?[..12]}",
                    $"{t.Id}\tMerged\t{t.BaseBranch}\t{t.MergedCommit}");
                return ExitCodes.Ok;
            }
            ctx.Output.Error($"#{t.Id} was approved but not merged ({t.State}): {t.StateReason}");
            return ExitCodes.NotMerged;
        }));
        return command;
    }

    public static Command Reject(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var message = new Option<string>("--message", "-m") { Description = "What to change; the follow-up run receives it", Required = true };
        var command = new Command("reject", "Request changes: a follow-up run gets your message") { task, message };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            return Report(ctx, await client.RejectAsync(parse.GetValue(task)!, parse.GetValue(message)!, ct));
        }));
        return command;
    }

    public static Command Cancel(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var command = new Command("cancel", "Cancel a task; a running agent is stopped, its branch keeps the work") { task };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            return Report(ctx, await client.CancelAsync(parse.GetValue(task)!, ct));
        }));
        return command;
    }

    public static Command Retry(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var command = new Command("retry", "Queue a failed or blocked task again") { task };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            return Report(ctx, await client.RetryAsync(parse.GetValue(task)!, ct));
        }));
        return command;
    }

    public static Command Integrate(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var command = new Command("integrate", "Resolve a conflict: merge the base into the task's branch and queue its agent to fix the conflicts") { task };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            return Report(ctx, await client.IntegrateAsync(parse.GetValue(task)!, ct));
        }));
        return command;
    }

    private static int Report(CliContext ctx, TaskDto t)
    {
        ctx.Output.Markup($"#{t.Id} is now [bold]{t.State}[/]", $"{t.Id}\t{t.State}");
        return ExitCodes.Ok;
    }
}
