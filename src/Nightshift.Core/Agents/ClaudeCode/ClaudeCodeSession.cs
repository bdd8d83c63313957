using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.ClaudeCode;

/// <summary>
/// One run of <c>claude</c> in stream-json mode: the prompt goes in as the first user message,
/// steering goes in as further user messages while it works, and queued comments become the next
/// turn when a turn ends. stdin is closed once a turn ends with nothing left to say, and the CLI
/// exits after its last turn.
/// </summary>
internal sealed class ClaudeCodeSession(AgentProcess process, AgentRunRequest request, Func<AgentEvent, ValueTask> emit, TimeProvider time)
{
    /// <summary>How often steering is looked for between the CLI's own turn boundaries.</summary>
    public static readonly TimeSpan SteeringPollInterval = TimeSpan.FromMilliseconds(500);

    private const int ErrorTailLines = 20;

    private readonly StreamJsonOutput _output = new();
    private readonly Queue<string> _errorTail = new();

    public async Task<AgentOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await process.WriteAsync(() => Task.FromResult<IReadOnlyList<string>>([StreamJsonInput.UserMessage(request.Prompt)]), closeIfNone: false);
        using var polling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var steering = PollSteeringAsync(polling.Token);
        var errors = PumpErrorsAsync();
        var reading = ReadOutputAsync(cancellationToken);
        try
        {
            await Task.WhenAny(reading, Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken));
            if (cancellationToken.IsCancellationRequested)
            {
                await process.StopAsync(request.StopGracePeriod);
                return AgentOutcome.Stopped("stopped");
            }
            await reading;
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await process.StopAsync(request.StopGracePeriod);
            return AgentOutcome.Stopped("stopped");
        }
        finally
        {
            await polling.CancelAsync();
            await steering;
            // Whatever ended the run (an emit that threw included), claude is not left running.
            if (!process.HasExited)
            {
                await process.StopAsync(request.StopGracePeriod);
            }
            await Task.WhenAll(reading, errors).WaitAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None)
                .ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        return Outcome();
    }

    private async Task ReadOutputAsync(CancellationToken cancellationToken)
    {
        while (await process.Output.ReadLineAsync(CancellationToken.None) is { } line)
        {
            var (events, turnEnded) = _output.Read(line);
            foreach (var e in events)
            {
                await emit(e);
            }
            if (cancellationToken.IsCancellationRequested)
            {
                continue; // keep draining so the CLI is never blocked on a full pipe while it is stopped
            }
            if (turnEnded)
            {
                await process.WriteAsync(() => NextTurnAsync(cancellationToken), closeIfNone: true);
            }
            else if (events.Any(e => e.Kind == AgentEventKind.ToolResult))
            {
                await SteerAsync(cancellationToken);
            }
        }
    }

    /// <summary>At the end of a turn: queued comments, and any steering that arrived too late for the turn, make one more turn.</summary>
    private async Task<IReadOnlyList<string>> NextTurnAsync(CancellationToken cancellationToken)
    {
        var comments = (await request.Feedback.TakeQueuedAsync(cancellationToken))
            .Concat(await request.Feedback.TakeSteeringAsync(cancellationToken))
            .ToList();
        return comments.Count == 0 ? [] : [StreamJsonInput.UserMessage(string.Join("\n\n", comments))];
    }

    private Task<int> SteerAsync(CancellationToken cancellationToken) =>
        process.WriteAsync(async () => (await request.Feedback.TakeSteeringAsync(cancellationToken)).Select(StreamJsonInput.UserMessage).ToList(), closeIfNone: false);

    private async Task PollSteeringAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(SteeringPollInterval, time, cancellationToken);
                await SteerAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended or was stopped; nothing more can reach the session.
        }
    }

    private async Task PumpErrorsAsync()
    {
        while (await process.Errors.ReadLineAsync(CancellationToken.None) is { } line)
        {
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
    }

    private AgentOutcome Outcome()
    {
        var session = _output.SessionId;
        var exitCode = process.ExitCode;
        string errors;
        lock (_errorTail)
        {
            errors = string.Join("\n", _errorTail).Trim();
        }
        if (_output.LastResult is { IsError: true } limited && _output.Limits.Limit(limited.Text) is { } limit)
        {
            return AgentOutcome.Limited(limit, exitCode, session);
        }
        if (_output.LastResult is { IsError: true } failed)
        {
            return AgentOutcome.Failure($"Claude Code ended the turn with {failed.Subtype}: {failed.Text ?? errors}", exitCode, session);
        }
        if (exitCode != 0)
        {
            return AgentOutcome.Failure($"claude exited with code {exitCode}{(errors.Length > 0 ? $": {errors}" : string.Empty)}", exitCode, session);
        }
        if (_output.LastResult is not { } result)
        {
            return AgentOutcome.Failure($"claude exited without reporting a result{(errors.Length > 0 ? $": {errors}" : string.Empty)}", exitCode, session);
        }
        return AgentOutcome.Success(result.Text, exitCode, session);
    }
}
