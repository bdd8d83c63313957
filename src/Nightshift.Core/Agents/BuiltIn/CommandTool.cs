using System.Globalization;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>
/// run_command: a shell command in the worktree through <see cref="ProcessRunner"/> (its own
/// process group, stopped TERM then KILL), with a time limit. Output lines are emitted as they
/// come; the model gets the exit code and the output's tail.
/// </summary>
internal sealed class CommandTool(ProcessRunner processes, AgentRunRequest request, TimeSpan timeLimit, Func<AgentEvent, ValueTask> emit)
{
    private const int TailLines = 100;
    private const int TailChars = 8000;

    public async Task<string> RunAsync(string command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            throw new ToolException("the command is empty");
        }
        var tail = new OutputTail(TailLines, TailChars);
        // stdout and stderr are pumped at once; events still go out one at a time.
        using var emitting = new SemaphoreSlim(1, 1);
        var shell = new ShellCommand(command, request.WorktreePath)
        {
            Timeout = timeLimit,
            GracePeriod = request.StopGracePeriod,
            Environment = request.Variables(),
            // The built-in agent lives in the node; its commands do not, so each is recorded as the
            // run's process, to be stopped should the node die while it runs.
            Started = request.ProcessStarted,
        };
        var result = await processes.RunAsync(shell, async (line, isError) =>
        {
            tail.Add(line);
            await emitting.WaitAsync(CancellationToken.None);
            try
            {
                await emit(AgentEvent.Output(line, isError));
            }
            finally
            {
                emitting.Release();
            }
        }, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var output = tail.ToString();
        var body = output.Length == 0 ? "(no output)" : output;
        if (result.TimedOut)
        {
            throw new ToolException($"the command was stopped after the time limit of {timeLimit}; output so far:\n{body}");
        }
        return $"exit code {result.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}\n{body}";
    }
}
