using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.Cli;

/// <summary>
/// The command-line program behind a CLI agent: the agent's name, the program looked up on PATH,
/// the variable that names it instead, and how to install it. The runtime and <c>nightshift
/// agents</c> read the same record, so a run's error and the inventory say the same thing.
/// </summary>
public sealed record CliTool(string Agent, string Executable, string PathVariable, string InstallHint)
{
    /// <summary>The program a runtime runs: the one <see cref="PathVariable"/> names when set, else <see cref="Executable"/> on PATH; null when neither.</summary>
    public string? Find(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var configured = environment(PathVariable);
        return string.IsNullOrWhiteSpace(configured) ? ExecutableSearch.FindOnPath(Executable, environment("PATH")) : configured;
    }

    /// <summary>The outcome of a run whose CLI is not installed: what is missing and how to install it.</summary>
    public AgentOutcome NotInstalled() =>
        AgentOutcome.Failure(
            $"The {Agent} agent needs the `{Executable}` CLI: it is not on PATH and {PathVariable} does not name it. Install it with `{InstallHint}`.");
}
