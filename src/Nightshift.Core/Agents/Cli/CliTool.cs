using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.Cli;

/// <summary>
/// The command-line program behind a CLI agent: the agent's name, the program looked up on PATH,
/// the variable that names it instead, and how to install it. The runtime and <c>nightshift
/// agents</c> read the same record, so a run's error and the inventory say the same thing.
/// </summary>
public sealed record CliTool(string Agent, string Executable, string PathVariable, string InstallHint)
{
    /// <summary>The oldest version the runtime drives; null when any version is taken.</summary>
    public Version? Minimum { get; init; }

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

    /// <summary>
    /// "too old: 2.0.1 found, 2.1.197 or newer needed: npm install -g …" when the installed version
    /// is below <see cref="Minimum"/>; null when it is new enough or says no version Nightshift can read
    /// (then the runtime's feature detection alone decides what it passes).
    /// </summary>
    public string? TooOld(CliFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Minimum is { } minimum && facts.Version is { } found && found < minimum
            ? $"too old: {found} found, {minimum} or newer needed: {InstallHint}"
            : null;
    }

    /// <summary>The one sentence a refused task and a refused run both carry.</summary>
    public string? Refusal(string executable, CliFacts facts) =>
        TooOld(facts) is { } tooOld ? $"The {Agent} agent's CLI {executable} is {tooOld}" : null;

    /// <summary>The refusal for the CLI at <paramref name="executable"/> (probed, or from the cache), or null when it may run.</summary>
    public async Task<string?> RefusalAsync(string? executable, CancellationToken cancellationToken) =>
        executable is null || !File.Exists(executable) ? null : Refusal(executable, await CliProbe.ReadAsync(executable, cancellationToken));
}
