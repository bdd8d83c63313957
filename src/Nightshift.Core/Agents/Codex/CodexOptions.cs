using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Codex;

/// <summary>Where the <c>codex</c> executable is, whose login and config.toml it runs with, which gateway (if any) it talks to, and where Nightshift keeps Codex's own state.</summary>
public sealed record CodexOptions : ICliAgentOptions
{
    /// <summary>Overrides the PATH lookup of <c>codex</c>.</summary>
    public const string PathVariable = "NIGHTSHIFT_CODEX_PATH";

    /// <summary>Points Codex at an OpenAI-compatible Responses endpoint (e.g. a gateway) instead of the model provider the user's config.toml and login choose.</summary>
    public const string BaseUrlVariable = "NIGHTSHIFT_CODEX_BASE_URL";

    /// <summary>
    /// Overrides the sandbox: <c>workspace-write</c> (the default), <c>read-only</c>, or
    /// <c>danger-full-access</c> for a machine whose kernel refuses the namespaces Codex's
    /// bubblewrap sandbox needs and that is itself the boundary (a VM or container per worker).
    /// </summary>
    public const string SandboxVariable = "NIGHTSHIFT_CODEX_SANDBOX";

    /// <summary>The sandbox modes Codex knows.</summary>
    public static readonly IReadOnlyList<string> SandboxModes = ["workspace-write", "read-only", "danger-full-access"];

    /// <summary>Codex's own variable for its home (<c>~/.codex</c> when unset): config.toml, auth.json, sessions.</summary>
    public const string CodexHomeVariable = "CODEX_HOME";

    /// <summary>OpenAI's own endpoint: the provider of an isolated run when no gateway is set.</summary>
    public static readonly Uri OpenAiBaseUrl = new("https://api.openai.com/v1");

    /// <summary>The executable to run; null when it was not found, so every run fails saying how to install it.</summary>
    public string? ExecutablePath { get; init; }

    /// <summary>
    /// Holds one folder per task; an isolated run's CODEX_HOME (and HOME) is there, kept between
    /// runs because resuming a thread reads its rollout from there.
    /// </summary>
    public required string StateRoot { get; init; }

    /// <inheritdoc />
    public required string UserHome { get; init; }

    /// <summary>The user's own CODEX_HOME when the user has one; null leaves Codex to its default, <c>.codex</c> in <see cref="UserHome"/>.</summary>
    public string? UserCodexHome { get; init; }

    /// <summary>The CODEX_HOME of the user's own login: where <c>auth.json</c> and <c>config.toml</c> are.</summary>
    public string UserCodexPath => UserCodexHome ?? Path.Combine(UserHome, ".codex");

    /// <summary>
    /// The Responses endpoint (ending in <c>/v1</c>) of a gateway runs use, as a provider entry of
    /// Nightshift's own whose key comes from <see cref="ApiKeyVariable"/>. Null (the default)
    /// leaves model and provider to the user's config.toml and login; an isolated run, which has
    /// neither, then uses OpenAI's own endpoint with the key from the variable.
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

    /// <summary>
    /// Where commands may write. <c>workspace-write</c>: the worktree and temp folders, with the
    /// git directory read-only (checked to work as root here, through the bubblewrap Codex bundles).
    /// </summary>
    public string SandboxMode { get; init; } = "workspace-write";

    /// <summary>Variables every run gets, e.g. the API key; a run's own variables win.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public static CodexOptions Find(string stateRoot, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var baseUrl = environment(BaseUrlVariable);
        var sandbox = environment(SandboxVariable);
        return new CodexOptions
        {
            SandboxMode = SandboxModes.Contains(sandbox) ? sandbox! : "workspace-write",
            ExecutablePath = CodexAgent.Tool.Find(environment),
            StateRoot = stateRoot,
            UserHome = CliLaunch.ServerHome(environment),
            UserCodexHome = environment(CodexHomeVariable) is { Length: > 0 } codexHome ? codexHome : null,
            BaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) ? url : null,
        };
    }
}
