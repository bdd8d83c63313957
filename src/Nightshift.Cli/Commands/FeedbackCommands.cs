using System.CommandLine;
using Nightshift.Cli.Shell;
using Nightshift.Client;

namespace Nightshift.Cli.Commands;

/// <summary>steer and answer: talk to a running agent without stopping it.</summary>
internal static class FeedbackCommands
{
    public static Command Steer(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var text = new Argument<string>("text") { Description = "What the agent should change course on" };
        var command = new Command("steer", "Steer a running agent: delivered at its next turn boundary, without stopping it") { task, text };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            var c = await client.AddCommentAsync(parse.GetValue(task)!, new AddCommentRequest(parse.GetValue(text)!, "steer"), ct);
            ctx.Output.Line($"steer {c.Id} on #{c.TaskId}: {c.Notice ?? "pending; delivered at the agent's next turn boundary"} (see `nightshift show {c.TaskId}`)");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Answer(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var text = new Argument<string>("text") { Description = "Your answer to the agent's question" };
        var command = new Command("answer", "Answer the question a task's agent is waiting on") { task, text };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            var c = await client.AnswerAsync(parse.GetValue(task)!, parse.GetValue(text)!, ct);
            ctx.Output.Line($"answered #{c.TaskId}; the agent goes on");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
