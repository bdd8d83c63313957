using System.Text;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Checks;

/// <summary>Runs a task's acceptance checks in its worktree, one after another, each with a time limit.</summary>
public sealed class CheckRunner(ProcessRunner processes)
{
    public const int TailCharacters = 4000;

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(10);

    public async Task<CheckResult> RunAsync(string command, string worktree, string? commit, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        var result = await processes.RunAsync(
            new ShellCommand(command, worktree) { Timeout = TimeLimit, GracePeriod = TimeSpan.FromSeconds(5) },
            (line, _) =>
            {
                lock (output)
                {
                    output.AppendLine(line);
                    if (output.Length > TailCharacters * 2)
                    {
                        output.Remove(0, output.Length - TailCharacters);
                    }
                }
                return ValueTask.CompletedTask;
            },
            cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var text = output.ToString();
        var tail = text.Length > TailCharacters ? text[^TailCharacters..] : text;
        return new CheckResult(command, commit, result.ExitCode, result.TimedOut, result.Duration, tail);
    }
}
