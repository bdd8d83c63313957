using System.Globalization;
using Microsoft.Extensions.AI;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>
/// The built-in agent (<c>agent: builtin</c>): any OpenAI-compatible or Anthropic model through
/// one <see cref="IChatClient"/>, with file, search and command tools confined to the worktree.
/// It runs its own tool loop, so steering reaches the model at every turn boundary.
/// </summary>
public sealed class BuiltInAgent(BuiltInAgentOptions options, IChatClient chatClient, ProcessRunner processes) : IAgentRuntime
{
    public const string RuntimeName = "builtin";

    public string Name => RuntimeName;

    public AgentCapabilities Capabilities { get; } = new(SteerMidTurn: true, Resume: false, PlanMode: true, ReportsUsage: true);

    public async Task<AgentOutcome> RunAsync(AgentRunRequest request, Func<AgentEvent, ValueTask> emit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Stable for the run: a retry is a new run and a new session, since resume is not offered.
        var sessionId = string.Create(CultureInfo.InvariantCulture, $"builtin-{request.TaskId}-{request.RunId}");
        if (!Directory.Exists(request.WorktreePath))
        {
            return AgentOutcome.Failure($"the worktree {request.WorktreePath} does not exist", sessionId: sessionId);
        }
        var paths = new WorktreePaths(request.WorktreePath);
        var sessionTools = new SessionTools(request.Feedback, emit);
        var toolbox = new Toolbox(
            new FileTools(paths),
            new SearchTool(paths),
            new CommandTool(processes, request, options.CommandTimeLimit, emit),
            sessionTools,
            request.PlanOnly);
        var session = new AgentSession(chatClient, options, toolbox, sessionTools, request, emit, sessionId);
        try
        {
            return await session.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return AgentOutcome.Stopped("stopped") with { SessionId = sessionId };
        }
    }
}
