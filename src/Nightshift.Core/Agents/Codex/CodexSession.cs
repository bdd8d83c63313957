using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Codex;

/// <summary>
/// One run of <c>codex app-server</c>: open (or resume) a thread, start a turn with the prompt,
/// steer the turn in progress with <c>turn/steer</c>, and when a turn completes, start one more
/// with the queued comments, or finish. stdin is closed at the end, and the server exits with it.
/// </summary>
internal sealed partial class CodexSession(AgentProcess process, AgentRunRequest request, CodexThreadSettings settings, Func<AgentEvent, ValueTask> emit, TimeProvider time)
{
    /// <summary>How often steering is looked for between the agent's own tool boundaries.</summary>
    public static readonly TimeSpan SteeringPollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the server may take to exit once its client hung up.</summary>
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    private const int ErrorTailLines = 20;

    private readonly CodexRpc _rpc = new(process);
    private readonly Queue<string> _errorTail = new();
    private readonly List<Task> _answers = [];

    public async Task<AgentOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var reading = _rpc.ReadAsync();
        var errors = PumpErrorsAsync();
        using var polling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var steering = Task.CompletedTask;
        CodexTurns? turns = null;
        AgentOutcome outcome;
        try
        {
            turns = new CodexTurns(_rpc, request.Feedback, await OpenThreadAsync(cancellationToken));
            await turns.StartAsync(request.Prompt, cancellationToken);
            steering = PollSteeringAsync(turns, polling.Token);
            outcome = await FollowAsync(turns, new CodexEvents { IsOwnTurn = turns.Started }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await process.StopAsync(request.StopGracePeriod);
            return AgentOutcome.Stopped("stopped");
        }
        catch (CodexRpcException ex)
        {
            outcome = Failed($"codex refused the session: {ex.Message}");
        }
        finally
        {
            await polling.CancelAsync();
            await steering;
            await FinishAsync();
            turns?.Dispose();
            await Task.WhenAll([reading, errors, .. _answers]).WaitAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None)
                .ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        return outcome with { ExitCode = process.HasExited ? process.ExitCode : null };
    }

    /// <summary>Initializes the connection and starts a thread, or resumes the one a follow-up continues.</summary>
    private async Task<string> OpenThreadAsync(CancellationToken cancellationToken)
    {
        var client = new JsonObject { ["name"] = "nightshift", ["title"] = "Nightshift", ["version"] = typeof(CodexSession).Assembly.GetName().Version?.ToString() ?? "0" };
        await _rpc.RequestAsync("initialize", new JsonObject { ["clientInfo"] = client }, cancellationToken);
        await _rpc.NotifyAsync("initialized");
        JsonNode? opened = null;
        if (!string.IsNullOrWhiteSpace(request.ResumeSessionId))
        {
            try
            {
                var resume = ThreadParameters();
                resume["threadId"] = request.ResumeSessionId;
                resume["excludeTurns"] = true;
                opened = await _rpc.RequestAsync("thread/resume", resume, cancellationToken);
            }
            catch (CodexRpcException ex)
            {
                // The thread's rollout is gone (its CODEX_HOME was cleaned up): the follow-up's prompt
                // carries the spec and the feedback, so it starts over rather than failing.
                await emit(AgentEvent.Output($"codex could not resume thread {request.ResumeSessionId} ({ex.Message}); starting a new one", isError: true));
            }
        }
        opened ??= await _rpc.RequestAsync("thread/start", ThreadParameters(), cancellationToken);
        var threadId = opened?["thread"]?["id"]?.GetValue<string>() ?? throw new CodexRpcException("the thread it opened has no id");
        await emit(new AgentEvent(AgentEventKind.Session, threadId));
        return threadId;
    }

    private JsonObject ThreadParameters()
    {
        var parameters = new JsonObject
        {
            ["cwd"] = request.WorktreePath,
            ["sandbox"] = settings.SandboxMode,
            ["approvalPolicy"] = "never",
        };
        if (!string.IsNullOrWhiteSpace(settings.Model))
        {
            parameters["model"] = settings.Model;
        }
        return parameters;
    }

    /// <summary>Follows the thread until a turn ends with nothing more to say, a turn fails, or codex exits.</summary>
    private async Task<AgentOutcome> FollowAsync(CodexTurns turns, CodexEvents events, CancellationToken cancellationToken)
    {
        var limits = new CodexLimits();
        await foreach (var message in _rpc.Incoming.ReadAllAsync(cancellationToken))
        {
            if (message.IsRequest)
            {
                _answers.Add(new CodexRequests(_rpc, request.Feedback).AnswerAsync(message, cancellationToken));
                continue;
            }
            limits.Read(message);
            foreach (var e in events.Read(message))
            {
                await emit(e);
            }
            if (message.Method == "item/completed" && message.Params["item"]?["type"] is JsonValue type
                && type.ToString() is "commandExecution" or "fileChange" or "mcpToolCall")
            {
                // A tool call just ended: the model is about to see its result, so a steer sent now rides along.
                await turns.SteerAsync(cancellationToken);
            }
            if (message.Method != "turn/completed" || message.Params["threadId"]?.ToString() != turns.ThreadId)
            {
                continue;
            }
            var turn = message.Params["turn"] as JsonObject ?? [];
            var status = CodexEvents.Text(turn, "status");
            if (status != "completed" && limits.Limit(turn) is { } limit)
            {
                return AgentOutcome.Limited(limit, null, turns.ThreadId);
            }
            if (status != "completed")
            {
                var why = turn["error"]?["message"]?.ToString() ?? status;
                return AgentOutcome.Failure($"Codex ended the turn {status}: {why}", null, turns.ThreadId);
            }
            if (!await turns.NextAsync(cancellationToken))
            {
                return AgentOutcome.Success(events.LastMessage, null, turns.ThreadId);
            }
        }
        return Failed("codex exited before the turn completed", turns.ThreadId);
    }

    private async Task PollSteeringAsync(CodexTurns turns, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(SteeringPollInterval, time, cancellationToken);
                await turns.SteerAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended or was stopped; nothing more can reach the session.
        }
        catch (CodexRpcException)
        {
            // codex went away; the follower reports how the run ended.
        }
    }

    /// <summary>Hangs up, which ends the server; one that does not exit in time is stopped like a cancelled run.</summary>
    private async Task FinishAsync()
    {
        await process.CloseInputAsync();
        using var wait = new CancellationTokenSource(ExitWait, time);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
        }
        // Whatever ended the run (an emit that threw included), nothing it started is left running.
        await process.StopAsync(request.StopGracePeriod);
    }

    private async Task PumpErrorsAsync()
    {
        while (await process.Errors.ReadLineAsync(CancellationToken.None) is { } raw)
        {
            var line = AnsiEscape().Replace(raw, string.Empty);
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

    /// <summary>A failure that codex itself did not explain: the last lines of its stderr say what went wrong.</summary>
    private AgentOutcome Failed(string why, string? threadId = null)
    {
        string errors;
        lock (_errorTail)
        {
            errors = string.Join("\n", _errorTail).Trim();
        }
        return AgentOutcome.Failure(errors.Length > 0 ? $"{why}: {errors}" : why, null, threadId);
    }

    /// <summary>The colour codes of codex's log lines on stderr.</summary>
    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiEscape();
}
