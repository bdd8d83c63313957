using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.Command;

/// <summary>
/// Runs any command line as the agent: the spec's body on stdin, the spec's file in
/// NIGHTSHIFT_SPEC_FILE, the worktree as working directory. Exit code 0 is success.
/// A command has no turns to speak of: it takes no feedback while it runs, so steering and queued
/// comments stay pending and reach the task's next run, in its prompt. The run's bridge reaches it
/// through its environment (<see cref="AgentBridgeEndpoint.UrlVariable"/>, <see cref="AgentBridgeEndpoint.TokenVariable"/>),
/// so its scripts report progress, ask and record decisions with <c>nightshift report|ask|decide</c>.
/// </summary>
public sealed class CommandAgent(ProcessRunner processes) : IAgentRuntime
{
    public const string RuntimeName = "command";

    public string Name => RuntimeName;

    public AgentCapabilities Capabilities { get; } = new(SteerMidTurn: false, Resume: false, PlanMode: false, ReportsUsage: false, TakesFeedbackBetweenTurns: false);

    public async Task<AgentOutcome> RunAsync(AgentRunRequest request, Func<AgentEvent, ValueTask> emit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Command))
        {
            return AgentOutcome.Failure("The command agent needs a command line (`command:` in the spec).");
        }
        var variables = request.Variables();
        if (request.Bridge is { } bridge)
        {
            variables[AgentBridgeEndpoint.UrlVariable] = bridge.Url.ToString();
            variables[AgentBridgeEndpoint.TokenVariable] = bridge.Token;
        }
        var command = new ShellCommand(request.Command, request.WorktreePath)
        {
            StandardInput = request.Prompt,
            Environment = variables,
            GracePeriod = request.StopGracePeriod,
            Started = request.ProcessStarted,
        };
        var result = await processes.RunAsync(command, (line, isError) => emit(AgentEvent.Output(line, isError)), cancellationToken);
        if (result.Cancelled || result.TimedOut)
        {
            return AgentOutcome.Stopped(result.TimedOut ? "timed out" : "stopped");
        }
        return result.ExitCode == 0
            ? AgentOutcome.Success($"`{request.Command}` exited 0") with { SummaryIsExitStatus = true }
            : AgentOutcome.Failure($"`{request.Command}` exited with code {result.ExitCode}", result.ExitCode);
    }
}
