using System.Globalization;

namespace Nightshift.Core.Agents;

/// <summary>What every runtime that drives an installed agent CLI shares.</summary>
internal static class CliAgent
{
    /// <summary>The outcome of a run whose CLI is not installed: what is missing and how to install it.</summary>
    public static AgentOutcome NotInstalled(string agent, string executable, string pathVariable, string installHint) =>
        AgentOutcome.Failure(
            $"The {agent} agent needs the `{executable}` CLI: it is not on PATH and {pathVariable} does not name it. Install it with `{installHint}`.");

    /// <summary>The task's own folder under a runtime's state root: the CLI's HOME and configuration, kept between runs because resuming reads from it.</summary>
    public static string TaskState(string stateRoot, long taskId) =>
        Path.Combine(stateRoot, "task-" + taskId.ToString(CultureInfo.InvariantCulture));
}
