using System.CommandLine;
using Nightshift.Cli.Shell;

namespace Nightshift.Cli.Commands;

internal static class WaitCommand
{
    private static readonly HashSet<string> Final = ["Merged", "Failed", "Cancelled", "Blocked"];

    public static Command Create(CliContext ctx)
    {
        var task = TaskArgument.Create();
        var state = new Option<string>("--for") { Description = "The state to wait for", DefaultValueFactory = _ => "InReview" };
        var timeout = new Option<int>("--timeout") { Description = "Give up after this many seconds", DefaultValueFactory = _ => 600 };
        var command = new Command("wait", "Wait until a task reaches a state (for scripts)") { task, state, timeout };
        command.SetAction((parse, ct) => ctx.RunAsync(async () =>
        {
            using var client = ctx.Connect();
            var wanted = parse.GetValue(state)!;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(parse.GetValue(timeout)));
            try
            {
                while (true)
                {
                    var t = (await client.GetTaskAsync(parse.GetValue(task)!, limit.Token)).Task;
                    if (string.Equals(t.State, wanted, StringComparison.OrdinalIgnoreCase))
                    {
                        ctx.Output.Line($"{t.Id}\t{t.State}");
                        return ExitCodes.Ok;
                    }
                    if (Final.Contains(t.State))
                    {
                        ctx.Output.Error($"#{t.Id} is {t.State} and will not become {wanted}: {t.StateReason}");
                        return ExitCodes.WaitFailed;
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(250), limit.Token);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                ctx.Output.Error($"timed out waiting for {wanted}");
                return ExitCodes.WaitFailed;
            }
        }));
        return command;
    }
}
