using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.OpenCode;

/// <summary>Where the <c>opencode</c> executable is, where Nightshift keeps its state, and the model endpoint it is given.</summary>
public sealed record OpenCodeOptions : ICliAgentOptions
{
    /// <summary>Overrides the PATH lookup of <c>opencode</c>.</summary>
    public const string PathVariable = "NIGHTSHIFT_OPENCODE_PATH";

    /// <summary>An OpenAI-compatible endpoint (ending in <c>/v1</c>) that opencode reaches as the provider <see cref="ProviderId"/>.</summary>
    public const string BaseUrlVariable = "NIGHTSHIFT_OPENCODE_BASE_URL";

    /// <summary>The key for <see cref="BaseUrlVariable"/>; the config refers to it by name, so it is never written to a file.</summary>
    public const string ApiKeyVariable = "NIGHTSHIFT_OPENCODE_API_KEY";

    /// <summary>The provider id the endpoint has in opencode's config: a spec's <c>model: x</c> runs as <c>nightshift/x</c>.</summary>
    public const string ProviderId = "nightshift";

    /// <summary>The executable to run; null when it was not found, so every run fails saying how to install it.</summary>
    public string? ExecutablePath { get; init; }

    /// <summary>
    /// Holds one folder per task: the bridge's config and the sessions' database, and for an
    /// isolated run its HOME and XDG folders; kept between runs because resuming reads the session from there.
    /// </summary>
    public required string StateRoot { get; init; }

    /// <inheritdoc />
    public required string UserHome { get; init; }

    /// <summary>The XDG folders opencode reads, and where each is under HOME when unset.</summary>
    public static IReadOnlyList<(string Name, string Relative)> XdgFolders { get; } =
        [("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", Path.Combine(".local", "share")), ("XDG_STATE_HOME", Path.Combine(".local", "state")), ("XDG_CACHE_HOME", ".cache")];

    /// <summary>The user's own XDG folders, those set: where opencode keeps the user's config (XDG_CONFIG_HOME) and login (XDG_DATA_HOME).</summary>
    public IReadOnlyDictionary<string, string> UserXdg { get; init; } = new Dictionary<string, string>();

    /// <summary>The user's <c>auth.json</c>, where <c>opencode auth login</c> keeps provider logins.</summary>
    public string UserAuthPath => Path.Combine(UserXdg.TryGetValue("XDG_DATA_HOME", out var data) ? data : Path.Combine(UserHome, ".local", "share"), "opencode", "auth.json");

    /// <summary>The OpenAI-compatible endpoint, when runs should use one; null leaves opencode to its own providers (keys from the environment).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The model asked for when a spec names none and <see cref="BaseUrl"/> is set.</summary>
    public string DefaultModel { get; init; } = "default";

    /// <summary>Variables every run gets, e.g. provider keys; a run's own variables win.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public static OpenCodeOptions Find(string stateRoot, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var baseUrl = environment(BaseUrlVariable);
        return new OpenCodeOptions
        {
            ExecutablePath = OpenCodeAgent.Tool.Find(environment),
            StateRoot = stateRoot,
            UserHome = CliLaunch.ServerHome(environment),
            UserXdg = XdgFolders
                .Where(f => environment(f.Name) is { Length: > 0 })
                .ToDictionary(f => f.Name, f => environment(f.Name)!, StringComparer.Ordinal),
            BaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) ? url : null,
        };
    }
}
