using System.CommandLine;
using Nightshift.Cli.Shell;
using Nightshift.Cli.Terminal;
using Nightshift.Client;

namespace Nightshift.Cli.Commands;

/// <summary>plan, plan approve, plan revise: read the plan a plan-gated task waits with, and judge it.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var command = new Command("plan", "Show the plan a plan-gated task (plan: required) waits with; approve it or send it back")
        {
            task,
            Approve(ctx),
            Revise(ctx),
        };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            Print(ctx.Output, (await client.GetTaskAsync(parse.GetValue(task)!, ct)).Task);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The plan after the task's header, and while it waits the two commands that judge it; <c>show</c> prints the same.</summary>
    public static void Print(Output o, TaskDto t)
    {
        if (t.PlanText is null)
        {
            o.Line(t.State is "Queued" or "Planning"
                ? $"#{t.Id} has not shown a plan yet ({t.State})."
                : $"#{t.Id} has no plan to approve: its spec does not ask for one (plan: required).");
            return;
        }
        var status = t.PlanApprovedAt is { } at ? $"approved {at:u}"
            : t.State == "AwaitingPlanApproval" ? "waiting for your approval"
            : $"not approved yet ({t.State})";
        o.Markup($"[bold]Plan[/] of #{t.Id} {t.Title}: {status}", $"plan of #{t.Id} {t.Title}: {status}");
        o.Line(t.PlanText.TrimEnd());
        if (t.State == "AwaitingPlanApproval")
        {
            o.Line();
            o.Line($"approve: nightshift plan approve {t.Id} [-m \"note\"]   send back: nightshift plan revise {t.Id} -m \"what to change\"");
        }
    }

    private static Command Approve(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var note = new Option<string?>("--message", "-m") { Description = "A note the agent gets with the approved plan" };
        var command = new Command("approve", "Approve the plan: the agent carries it out next") { task, note };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            var t = await client.ApprovePlanAsync(parse.GetValue(task)!, parse.GetValue(note), ct);
            ctx.Output.Markup($"#{t.Id} plan [green]approved[/]; the agent carries it out next ([bold]{t.State}[/])", $"{t.Id}\t{t.State}\tplan approved");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Revise(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var feedback = new Option<string>("--message", "-m") { Description = "What the plan should change; the agent plans again with it", Required = true };
        var command = new Command("revise", "Send the plan back: the agent plans again with your feedback") { task, feedback };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            var t = await client.RevisePlanAsync(parse.GetValue(task)!, parse.GetValue(feedback)!, ct);
            ctx.Output.Markup($"#{t.Id} plan [yellow]sent back[/]; the agent plans again with your feedback ([bold]{t.State}[/])", $"{t.Id}\t{t.State}\tplan sent back");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
