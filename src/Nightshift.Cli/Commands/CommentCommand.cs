using System.CommandLine;
using Nightshift.Cli.Shell;
using Nightshift.Client;

namespace Nightshift.Cli.Commands;

internal static class CommentCommand
{
    public static Command Create(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var text = new Argument<string>("text") { Description = "What the agent should know or do" };
        var steer = new Option<bool>("--steer") { Description = "Deliver to the running session at its next turn boundary" };
        var queue = new Option<bool>("--queue") { Description = "Deliver as the next turn after the current one ends (the default)" };
        var file = new Option<string?>("--file") { Description = "Anchor the comment to a file of the diff" };
        var line = new Option<int?>("--line") { Description = "Anchor the comment to a line of that file" };
        var command = new Command("comment", "Leave feedback on a task") { task, text, steer, queue, file, line };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            if (parse.GetValue(steer) && parse.GetValue(queue))
            {
                throw new CliUsageException("Choose --steer or --queue, not both.");
            }
            if (parse.GetValue(line) is not null && parse.GetValue(file) is null)
            {
                throw new CliUsageException("--line needs --file: say which file the line is in.");
            }
            var mode = parse.GetValue(steer) ? "steer" : parse.GetValue(file) is not null ? "review" : "queue";
            using var client = ctx.Connect();
            var c = await client.AddCommentAsync(parse.GetValue(task)!, new AddCommentRequest(parse.GetValue(text)!, mode, parse.GetValue(file), parse.GetValue(line)), ct);
            ctx.Output.Line($"comment {c.Id} on #{c.TaskId} ({c.Mode}): {c.Notice ?? "pending until a run receives it"}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
