namespace Nightshift.Core.Agents;

/// <summary>
/// The contract every agent runtime implements: run one session in a worktree on a prompt,
/// report what happens as normalised <see cref="AgentEvent"/>s, and end with an outcome.
/// A failed session is an outcome, not an exception; cancellation stops the whole process tree.
/// </summary>
public interface IAgentRuntime
{
    /// <summary>The name a spec uses in <c>agent:</c>.</summary>
    string Name { get; }

    /// <summary>What this runtime supports; the engine adapts to it.</summary>
    AgentCapabilities Capabilities { get; }

    /// <summary>
    /// The folder under which the runtime keeps one <c>task-N</c> folder per task (the CLI's HOME,
    /// configuration and sessions), or null when it keeps nothing outside the worktree. The engine
    /// removes a task's folder once the task is Merged or Cancelled and no run of it is alive.
    /// </summary>
    string? StateRoot => null;

    /// <summary>
    /// The installed CLI this runtime drives, or null for a runtime that drives none. Adding a task
    /// and <c>nightshift agents</c> read it to refuse a CLI older than the runtime supports.
    /// </summary>
    Cli.CliInstall? Cli => null;

    /// <summary>
    /// Runs a session until it ends. Events are passed to <paramref name="emit"/> in order as they
    /// happen. When <paramref name="cancellationToken"/> fires, the runtime stops the agent (TERM,
    /// then KILL after a grace period) and returns an outcome with <see cref="AgentOutcome.Cancelled"/> set.
    /// </summary>
    Task<AgentOutcome> RunAsync(AgentRunRequest request, Func<AgentEvent, ValueTask> emit, CancellationToken cancellationToken);
}
