using System.Globalization;
using Microsoft.Extensions.AI;

namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>
/// One run of the built-in agent: the model loop, owned here rather than by a function-invoking
/// middleware, because every turn boundary must deliver steering before the next model call.
/// Each step is one model call, its events, and the tool calls it asked for, in order.
/// </summary>
internal sealed class AgentSession
{
    private readonly IChatClient _client;
    private readonly BuiltInAgentOptions _options;
    private readonly AgentRunRequest _request;
    private readonly Func<AgentEvent, ValueTask> _emit;
    private readonly Toolbox _toolbox;
    private readonly SessionTools _sessionTools;
    private readonly ChatOptions _chatOptions;
    private readonly List<ChatMessage> _messages;
    private readonly string _sessionId;
    private int _steps;
    private long _tokens;

    public AgentSession(IChatClient client, BuiltInAgentOptions options, Toolbox toolbox, SessionTools sessionTools,
        AgentRunRequest request, Func<AgentEvent, ValueTask> emit, string sessionId)
    {
        _client = client;
        _options = options;
        _request = request;
        _emit = emit;
        _toolbox = toolbox;
        _sessionTools = sessionTools;
        _sessionId = sessionId;
        _chatOptions = new ChatOptions
        {
            ModelId = string.IsNullOrWhiteSpace(request.Model) ? options.Model : request.Model,
            Tools = [.. toolbox.Tools],
            ToolMode = ChatToolMode.Auto,
            MaxOutputTokens = options.MaxOutputTokens,
        };
        _messages =
        [
            new ChatMessage(ChatRole.System, SystemPrompt.For(request.WorktreePath, toolbox.Tools, request.PlanOnly)),
            new ChatMessage(ChatRole.User, request.Prompt),
        ];
    }

    public async Task<AgentOutcome> RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (LimitReached() is { } limit)
            {
                return AgentOutcome.Failure(limit, sessionId: _sessionId);
            }
            _steps++;
            ChatResponse response;
            try
            {
                response = await AskModelAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // An unreachable model, a refused key, a 4xx: the run fails with the reason; the engine decides on a retry.
                return AgentOutcome.Failure($"model call {_steps} failed: {ex.Message}", sessionId: _sessionId);
            }
            var done = await ActOnAsync(response, cancellationToken);

            // The turn boundary: steering is delivered before anything else, even when the model
            // meant to finish, so a comment that arrived during the last step is never dropped.
            var steering = await _request.Feedback.TakeSteeringAsync(cancellationToken);
            if (steering.Count > 0)
            {
                _messages.Add(new ChatMessage(ChatRole.User, FeedbackText("Steering from the developer, sent while you work; take it into account now:", steering)));
                _sessionTools.Reopen();
                continue;
            }
            if (!done)
            {
                continue;
            }
            var queued = await _request.Feedback.TakeQueuedAsync(cancellationToken);
            if (queued.Count == 0)
            {
                return AgentOutcome.Success(Summary(response), sessionId: _sessionId);
            }
            _messages.Add(new ChatMessage(ChatRole.User, FeedbackText("Feedback from the developer on your work; address it, then finish again:", queued)));
            _sessionTools.Reopen();
        }
    }

    private string? LimitReached()
    {
        if (_steps >= _options.MaxSteps)
        {
            return $"the built-in agent stopped after {_steps} model calls without finishing: MaxSteps is {_options.MaxSteps}";
        }
        if (_tokens >= _options.MaxTokens)
        {
            return $"the built-in agent stopped after using {_tokens.ToString(CultureInfo.InvariantCulture)} tokens without finishing: MaxTokens is {_options.MaxTokens.ToString(CultureInfo.InvariantCulture)}";
        }
        return null;
    }

    private async Task<ChatResponse> AskModelAsync(CancellationToken cancellationToken) =>
        _options.Streaming
            ? await _client.GetStreamingResponseAsync(_messages, _chatOptions, cancellationToken).ToChatResponseAsync(cancellationToken)
            : await _client.GetResponseAsync(_messages, _chatOptions, cancellationToken);

    /// <summary>Records the reply, emits its events, runs the tools it asked for; true when the model is done.</summary>
    private async Task<bool> ActOnAsync(ChatResponse response, CancellationToken cancellationToken)
    {
        _messages.AddMessages(response);
        if (!string.IsNullOrWhiteSpace(response.Text))
        {
            await _emit(AgentEvent.Message(response.Text.Trim()));
        }
        if (response.Usage is { } usage)
        {
            var input = usage.InputTokenCount ?? 0;
            var output = usage.OutputTokenCount ?? 0;
            _tokens += usage.TotalTokenCount ?? input + output;
            await _emit(AgentEvent.Usage(input, output, _options.Price?.Cost(input, output) ?? 0m));
        }
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        if (calls.Count == 0)
        {
            return true;
        }
        var results = new List<AIContent>();
        foreach (var call in calls)
        {
            await _emit(AgentEvent.ToolCall(ToolSummary.Call(call)));
            var outcome = await _toolbox.InvokeAsync(call, cancellationToken);
            await _emit(AgentEvent.ToolResult(ToolSummary.Result(call.Name, outcome), outcome.IsError));
            results.Add(new FunctionResultContent(call.CallId, outcome.IsError ? $"Error: {outcome.Text}" : outcome.Text));
        }
        _messages.Add(new ChatMessage(ChatRole.Tool, results));
        return _sessionTools.Finished;
    }

    private string Summary(ChatResponse last) =>
        _sessionTools.Finished && !string.IsNullOrWhiteSpace(_sessionTools.FinishSummary)
            ? _sessionTools.FinishSummary
            : string.IsNullOrWhiteSpace(last.Text) ? "finished" : last.Text.Trim();

    private static string FeedbackText(string heading, IReadOnlyList<string> comments) =>
        $"{heading}\n\n{string.Join("\n\n---\n\n", comments)}";
}
