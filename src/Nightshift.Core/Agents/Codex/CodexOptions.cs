using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.Codex;

/// <summary>Where the <c>codex</c> executable is, which model endpoint it talks to, and where Nightshift keeps Codex's own state.</summary>
public sealed record CodexOptions
{
    /// <summary>Overrides the PATH lookup of <c>codex</c>.</summary>
    public const string PathVariable = "NIGHTSHIFT_CODEX_PATH";

    /// <summary>Points Codex at an OpenAI-compatible Responses endpoint (e.g. a gateway) instead of OpenAI's own.</summary>
    public const string BaseUrlVariable = "NIGHTSHIFT_CODEX_BASE_URL";

    /// <summary>The executable to run; null when it was not found, so every run fails saying how to install it.</summary>
    public string? ExecutablePath { get; init; }

    /// <summary>
    /// Holds one folder per task with the CODEX_HOME (and HOME) its runs use: never the user's own
    /// <c>~/.codex</c>, and kept between runs because resuming a thread reads its rollout from there.
    /// </summary>
    public required string StateRoot { get; init; }

    /// <summary>
    /// When set, runs use a model provider of Nightshift's own with this base URL (ending in
    /// <c>/v1</c>) over the Responses API; when null, Codex's built-in OpenAI provider.
    /// </summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The variable that holds the API key for <see cref="BaseUrl"/>; it is passed by name, never on the command line.</summary>
    public string ApiKeyVariable { get; init; } = "OPENAI_API_KEY";

    /// <summary>The model when a spec names none; null leaves Codex's default.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// Whether commands in the workspace-write sandbox may reach the network. On by default because
    /// tasks build and test, which restores packages; file writes stay confined either way.
    /// </summary>
    public bool NetworkAccess { get; init; } = true;

    /// <summary>Variables every run gets, e.g. the API key; a run's own variables win.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public static CodexOptions Find(string stateRoot, Func<string, string?> environment)
    {
        var configured = environment(PathVariable);
        var baseUrl = environment(BaseUrlVariable);
        return new CodexOptions
        {
            ExecutablePath = string.IsNullOrWhiteSpace(configured) ? ExecutableSearch.FindOnPath("codex", environment("PATH")) : configured,
            StateRoot = stateRoot,
            BaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) ? url : null,
        };
    }
}
