using System.CommandLine;
using Nightshift.Cli.InsideRun;
using Nightshift.Cli.Shell;
using Nightshift.Core.Bridge;

namespace Nightshift.Cli.Commands;

/// <summary>
/// report, ask, decide: a script inside a run (a `command` agent's) talks to its own run through
/// the run's bridge, as an agent with MCP does. Outside a run they say so and change nothing.
/// </summary>
internal static class RunBridgeCommands
{
    public static Command Report(CliContext ctx)
    {
        var percent = new Argument<int>("percent") { Description = "How far the task is, 0 to 100" };
        var message = new Argument<string>("message") { Description = "One line: what is happening now" };
        var command = new Command("report", "From a script inside a run: report progress on the run's task") { percent, message };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            await using var bridge = await RunBridgeClient.ConnectAsync(Environment.GetEnvironmentVariable, ct);
            await bridge.CallAsync("report_progress", new() { ["percent"] = parse.GetValue(percent), ["line"] = parse.GetValue(message) }, ct);
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Ask(CliContext ctx)
    {
        var question = new Argument<string>("question") { Description = "The question, with the options you see" };
        var command = new Command("ask", "From a script inside a run: ask the developer and print the answer (the task needs input until answered)") { question };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            await using var bridge = await RunBridgeClient.ConnectAsync(Environment.GetEnvironmentVariable, ct);
            var result = await bridge.CallAsync("ask_question", new() { ["question"] = parse.GetValue(question) }, ct);
            if (RunBridgeClient.Meta<AskResult>(result, AskResult.MetaKey, AskResult.Json) is not { } asked)
            {
                ctx.Output.Error("error: the bridge's answer carried no result this command can read; is the server a different Nightshift version?");
                return ExitCodes.Failed;
            }
            if (!asked.Answered)
            {
                ctx.Output.Error(
                    "error: no answer came while the bridge held the question. It stays open on the task; "
                    + "run `nightshift ask` with the same question again to go on waiting for it.");
                return ExitCodes.NoAnswer;
            }
            // Only the answer on stdout, so a script can take it with $(nightshift ask "…").
            ctx.Output.Line(asked.Answer ?? string.Empty);
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Decide(CliContext ctx)
    {
        var what = new Argument<string>("decision") { Description = "What was decided, in one line" };
        var why = new Option<string>("--why") { Description = "Why: the alternatives and what tipped it", Required = true };
        var command = new Command("decide", "From a script inside a run: record a decision and why, for the reviewer") { what, why };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            await using var bridge = await RunBridgeClient.ConnectAsync(Environment.GetEnvironmentVariable, ct);
            await bridge.CallAsync("record_decision", new() { ["decision"] = parse.GetValue(what), ["why"] = parse.GetValue(why) }, ct);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
