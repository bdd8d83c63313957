using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Gemini;

/// <summary>Where the <c>gemini</c> executable is and where Nightshift keeps Gemini CLI's own state.</summary>
public sealed record GeminiOptions : ICliAgentOptions
{
    /// <summary>Overrides the PATH lookup of <c>gemini</c>.</summary>
    public const string PathVariable = "NIGHTSHIFT_GEMINI_PATH";

    /// <summary>Gemini CLI's own variable for the folder that holds its <c>.gemini</c> (HOME when unset).</summary>
    public const string GeminiHomeVariable = "GEMINI_CLI_HOME";

    /// <summary>The executable to run; null when it was not found, so every run fails saying how to install it.</summary>
    public string? ExecutablePath { get; init; }

    /// <summary>
    /// Holds one folder per task with the Gemini home (GEMINI_CLI_HOME, its <c>.gemini/settings.json</c>
    /// and sessions) and policy its runs use: never the user's own (see <see cref="GeminiAgent"/>),
    /// and kept between runs because resuming reads the session from there.
    /// </summary>
    public required string StateRoot { get; init; }

    /// <inheritdoc />
    public required string UserHome { get; init; }

    /// <summary>The user's own GEMINI_CLI_HOME when the user has one; null for <see cref="UserHome"/>, as the CLI does.</summary>
    public string? UserGeminiHome { get; init; }

    /// <summary>The user's own <c>.gemini</c> folder: their login, settings.json and GEMINI.md.</summary>
    public string UserGeminiPath => Path.Combine(UserGeminiHome ?? UserHome, ".gemini");

    /// <summary>Variables every run gets, e.g. GEMINI_API_KEY and GOOGLE_GEMINI_BASE_URL for a gateway; a run's own variables win.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public static GeminiOptions Find(string stateRoot, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new GeminiOptions
        {
            ExecutablePath = GeminiAgent.Tool.Find(environment),
            StateRoot = stateRoot,
            UserHome = CliLaunch.ServerHome(environment),
            UserGeminiHome = environment(GeminiHomeVariable) is { Length: > 0 } home ? home : null,
        };
    }
}
