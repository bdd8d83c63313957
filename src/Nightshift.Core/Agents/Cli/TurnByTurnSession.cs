using System.Globalization;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.Cli;

/// <summary>
/// A session of a CLI agent that takes one prompt per process and reads nothing while it works
/// (Gemini CLI, opencode, Aider): each turn is one process; when it ends, queued comments and any
/// steering that came in meanwhile make the next turn. Such a runtime declares
/// <c>SteerMidTurn: false</c>: a steer cannot reach the process mid-turn, so it waits for this
/// turn boundary and is delivered as (part of) the next prompt, and only then marked delivered.
/// </summary>
internal sealed class TurnByTurnSession(ProcessRunner processes, AgentRunRequest request, Func<AgentEvent, ValueTask> emit, string cli)
{
    private const int ErrorTailLines = 20;

    private readonly Queue<string> _errorTail = new();

    /// <summary>What a turn runs: the command line for a prompt and the session to continue (null for a new one), and the reader of its output.</summary>
    public delegate Task<(ShellCommand Command, ITurnOutput Output)> StartTurn(string prompt, string? sessionId, CancellationToken cancellationToken);

    /// <summary>Runs turns until one ends with nothing from the developer left to deliver. A CLI that does not continue sessions across processes (<paramref name="resumes"/> false) hears the whole task again each turn.</summary>
    public async Task<AgentOutcome> RunAsync(StartTurn start, bool resumes, CancellationToken cancellationToken)
    {
        try
        {
            return await RunTurnsAsync(start, resumes, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped between turns (while feedback was taken or the next turn prepared): no process runs.
            return AgentOutcome.Stopped("stopped");
        }
    }

    private async Task<AgentOutcome> RunTurnsAsync(StartTurn start, bool resumes, CancellationToken cancellationToken)
    {
        var prompt = request.Prompt;
        var session = resumes ? request.ResumeSessionId : null;
        for (var turn = 1; ; turn++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return AgentOutcome.Stopped("stopped");
            }
            var (command, output) = await start(prompt, session, cancellationToken);
            var result = await processes.RunAsync(command with { GracePeriod = request.StopGracePeriod, Started = request.ProcessStarted }, (line, isError) => OnLineAsync(output, line, isError), cancellationToken);
            session = resumes ? output.SessionId ?? session : null;
            if (result.Cancelled || result.TimedOut || cancellationToken.IsCancellationRequested)
            {
                return AgentOutcome.Stopped(result.TimedOut ? "timed out" : "stopped");
            }
            if (output.Limit is { } limit)
            {
                return AgentOutcome.Limited(limit, result.ExitCode, session);
            }
            if (Failure(output, result) is { } error)
            {
                return AgentOutcome.Failure(error, result.ExitCode, session);
            }
            // The turn boundary. Queued comments were meant for here; steering that arrived while the
            // process worked could not reach it, so it is delivered here too, as the next turn.
            var comments = (await request.Feedback.TakeQueuedAsync(cancellationToken))
                .Concat(await request.Feedback.TakeSteeringAsync(cancellationToken))
                .ToList();
            if (comments.Count == 0)
            {
                return AgentOutcome.Success(output.Summary, result.ExitCode, session);
            }
            await emit(AgentEvent.Output(string.Create(CultureInfo.InvariantCulture, $"Turn {turn + 1}: {comments.Count} comment(s) from the developer")));
            prompt = FollowUpPrompt.Compose(session is not null, request.Prompt, FollowUpPrompt.Feedback(comments));
        }
    }

    private async ValueTask OnLineAsync(ITurnOutput output, string line, bool isError)
    {
        if (!isError)
        {
            foreach (var e in output.Read(line))
            {
                await emit(e);
            }
            return;
        }
        lock (_errorTail)
        {
            _errorTail.Enqueue(line);
            if (_errorTail.Count > ErrorTailLines)
            {
                _errorTail.Dequeue();
            }
        }
        await emit(AgentEvent.Output(line, isError: true));
    }

    private string? Failure(ITurnOutput output, ProcessResult result)
    {
        string errors;
        lock (_errorTail)
        {
            errors = string.Join("\n", _errorTail).Trim();
            _errorTail.Clear();
        }
        var detail = errors.Length > 0 ? $": {errors}" : string.Empty;
        if (output.Error is { } reported)
        {
            return $"{cli} reported an error: {reported}";
        }
        return result.ExitCode == 0 ? null : $"{cli} exited with code {result.ExitCode}{detail}";
    }
}
