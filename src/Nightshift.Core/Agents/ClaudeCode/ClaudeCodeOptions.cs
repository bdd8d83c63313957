using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.ClaudeCode;

/// <summary>Where the <c>claude</c> executable is, whose login and configuration it runs with, and where Nightshift keeps Claude Code's own state.</summary>
public sealed record ClaudeCodeOptions : ICliAgentOptions
{
    /// <summary>Overrides the PATH lookup of <c>claude</c>.</summary>
    public const string PathVariable = "NIGHTSHIFT_CLAUDE_PATH";

    /// <summary>Claude Code's own variable for its configuration folder (<c>~/.claude</c> when unset).</summary>
    public const string ConfigDirVariable = "CLAUDE_CONFIG_DIR";

    /// <summary>The executable to run; null when it was not found, so every run fails saying how to install it.</summary>
    public string? ExecutablePath { get; init; }

    /// <summary>
    /// Holds one folder per task: the bridge's MCP configuration, and for an isolated run the HOME
    /// and CLAUDE_CONFIG_DIR it uses (kept between runs because resuming reads the session's
    /// transcript from there).
    /// </summary>
    public required string StateRoot { get; init; }

    /// <inheritdoc />
    public required string UserHome { get; init; }

    /// <summary>
    /// The user's own CLAUDE_CONFIG_DIR when the user has one; null leaves Claude Code to its
    /// default, <c>.claude</c> in <see cref="UserHome"/> (with <c>.claude.json</c> beside it).
    /// </summary>
    public string? UserConfigDirectory { get; init; }

    /// <summary>The configuration folder of the user's own login: where <c>.credentials.json</c> and <c>settings.json</c> are.</summary>
    public string UserConfigPath => UserConfigDirectory ?? Path.Combine(UserHome, ".claude");

    /// <summary>Variables every run gets, e.g. ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY for a gateway; a run's own variables win.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public static ClaudeCodeOptions Find(string stateRoot, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new ClaudeCodeOptions
        {
            ExecutablePath = ClaudeCodeAgent.Tool.Find(environment),
            StateRoot = stateRoot,
            UserHome = CliLaunch.ServerHome(environment),
            UserConfigDirectory = environment(ConfigDirVariable) is { Length: > 0 } config ? config : null,
        };
    }
}
