using System.Text;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Checks;

/// <summary>
/// Runs a task's acceptance checks in its worktree, one after another, each with a time limit.
/// A check runs the repository's code, which the agent wrote: each runs in a containment of its
/// own, and whatever it left running is stopped before its result counts.
/// </summary>
public sealed class CheckRunner(ProcessRunner processes, Containments containments)
{
    public const int TailCharacters = 4000;

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(10);

    public Task<CheckResult> RunAsync(string command, string worktree, string? commit, CancellationToken cancellationToken) =>
        RunAsync(command, worktree, commit, new Dictionary<string, string>(), cancellationToken);

    /// <summary>Runs <paramref name="command"/>; <paramref name="variables"/> (the run's port block) join the containment's own.</summary>
    public async Task<CheckResult> RunAsync(string command, string worktree, string? commit, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        using var contained = containments.ForCheck();
        var environment = new Dictionary<string, string>(variables, StringComparer.Ordinal);
        foreach (var (name, value) in contained.Variables)
        {
            environment[name] = value;
        }
        var grace = TimeSpan.FromSeconds(5);
        ProcessResult result;
        try
        {
            result = await processes.RunAsync(
                new ShellCommand(command, worktree) { Timeout = TimeLimit, GracePeriod = grace, Environment = environment, Started = Adopt(contained) },
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
        }
        finally
        {
            await contained.StopAllAsync(grace);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var text = output.ToString();
        var tail = text.Length > TailCharacters ? text[^TailCharacters..] : text;
        return new CheckResult(command, commit, result.ExitCode, result.TimedOut, result.Duration, tail);
    }

    private static Func<int, ValueTask> Adopt(Containment contained) => pid =>
    {
        contained.Adopt(pid);
        return ValueTask.CompletedTask;
    };
}
