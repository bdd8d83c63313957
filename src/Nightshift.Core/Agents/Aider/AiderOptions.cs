using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Aider;

/// <summary>Where the <c>aider</c> executable is, where Nightshift keeps its state, and the model endpoint it is given.</summary>
public sealed record AiderOptions : ICliAgentOptions
{
    /// <summary>Overrides the PATH lookup of <c>aider</c>.</summary>
    public const string PathVariable = "NIGHTSHIFT_AIDER_PATH";

    /// <summary>An OpenAI-compatible endpoint (ending in <c>/v1</c>), passed as <c>--openai-api-base</c>; its key goes in OPENAI_API_KEY.</summary>
    public const string BaseUrlVariable = "NIGHTSHIFT_AIDER_BASE_URL";

    /// <summary>The executable to run; null when it was not found, so every run fails saying how to install it.</summary>
    public string? ExecutablePath { get; init; }

    /// <summary>Holds one folder per task with the message files and chat history its runs use, outside the worktree (and an isolated run's HOME).</summary>
    public required string StateRoot { get; init; }

    /// <inheritdoc />
    public required string UserHome { get; init; }

    /// <summary>The OpenAI-compatible endpoint, when runs should use one; null leaves aider to its own providers (keys from the environment).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Variables every run gets, e.g. OPENAI_API_KEY; a run's own variables win.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public static AiderOptions Find(string stateRoot, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new AiderOptions
        {
            ExecutablePath = AiderAgent.Tool.Find(environment),
            StateRoot = stateRoot,
            UserHome = CliLaunch.ServerHome(environment),
            BaseUrl = Uri.TryCreate(environment(BaseUrlVariable), UriKind.Absolute, out var url) ? url : null,
        };
    }
}
