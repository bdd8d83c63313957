using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.ClaudeCode;

/// <summary>Where the <c>claude</c> executable is and where Nightshift keeps Claude Code's own state.</summary>
public sealed record ClaudeCodeOptions : ICliAgentOptions
{
    /// <summary>Overrides the PATH lookup of <c>claude</c>.</summary>
    public const string PathVariable = "NIGHTSHIFT_CLAUDE_PATH";

    /// <summary>The executable to run; null when it was not found, so every run fails saying how to install it.</summary>
    public string? ExecutablePath { get; init; }

    /// <summary>
    /// Holds one folder per task with the HOME and CLAUDE_CONFIG_DIR its runs use: never the
    /// user's own configuration, and kept between runs because resuming reads the session's
    /// transcript from there.
    /// </summary>
    public required string StateRoot { get; init; }

    /// <summary>Variables every run gets, e.g. ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY for a gateway; a run's own variables win.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public static ClaudeCodeOptions Find(string stateRoot, Func<string, string?> environment)
    {
        return new ClaudeCodeOptions
        {
            ExecutablePath = ClaudeCodeAgent.Tool.Find(environment),
            StateRoot = stateRoot,
        };
    }
}
