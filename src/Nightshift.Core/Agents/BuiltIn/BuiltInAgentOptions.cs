namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>
/// How the built-in agent reaches its model and how far one run may go. A run that needs more
/// than <see cref="MaxSteps"/> model calls or <see cref="MaxTokens"/> tokens ends as a failure.
/// </summary>
public sealed record BuiltInAgentOptions
{
    /// <summary>The model used when the spec names none.</summary>
    public required string Model { get; init; }

    public ModelProvider Provider { get; init; } = ModelProvider.OpenAI;

    /// <summary>The API's base address, e.g. <c>http://127.0.0.1:11434/v1</c>; null for the provider's own.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The API key itself; when null it is read from <see cref="ApiKeyVariable"/>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The environment variable holding the key; null for OPENAI_API_KEY or ANTHROPIC_API_KEY.</summary>
    public string? ApiKeyVariable { get; init; }

    /// <summary>Model calls per run.</summary>
    public int MaxSteps { get; init; } = 100;

    /// <summary>Input plus output tokens per run, as the API reports them.</summary>
    public long MaxTokens { get; init; } = 2_000_000;

    /// <summary>Tokens one reply may have (Anthropic requires a number).</summary>
    public int MaxOutputTokens { get; init; } = 8192;

    /// <summary>How long one run_command may take before it is stopped.</summary>
    public TimeSpan CommandTimeLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one model call may take.</summary>
    public TimeSpan RequestTimeLimit { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The model's price, for the cost of each run; null reports tokens with no cost.</summary>
    public ModelPrice? Price { get; init; }

    /// <summary>Stream replies (server-sent events) rather than wait for each whole reply.</summary>
    public bool Streaming { get; init; } = true;

    public string DefaultApiKeyVariable => Provider == ModelProvider.Anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";

    /// <summary>The key to send, or null when none is configured.</summary>
    public string? ResolveApiKey(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrEmpty(ApiKey))
        {
            return ApiKey;
        }
        var key = environment(ApiKeyVariable ?? DefaultApiKeyVariable);
        return string.IsNullOrEmpty(key) ? null : key;
    }

    /// <summary>What is wrong, one line per problem, each naming the option; empty when usable.</summary>
    public IReadOnlyList<string> Problems(Func<string, string?> environment)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add("Model: name the model the built-in agent uses, e.g. gpt-4.1 or claude-sonnet-4-5");
        }
        if (MaxSteps < 1)
        {
            problems.Add($"MaxSteps: {MaxSteps} allows no model call; use 1 or more");
        }
        if (MaxTokens < 1)
        {
            problems.Add($"MaxTokens: {MaxTokens} allows no tokens; use 1 or more");
        }
        if (CommandTimeLimit <= TimeSpan.Zero)
        {
            problems.Add($"CommandTimeLimit: {CommandTimeLimit} is not a positive duration");
        }
        if (Endpoint is { IsAbsoluteUri: false } or { Scheme: not ("http" or "https") })
        {
            problems.Add($"Endpoint: '{Endpoint}' is not an http(s) address");
        }
        // A local OpenAI-compatible server usually takes no key; the providers' own APIs always do.
        if (Endpoint is null && ResolveApiKey(environment) is null)
        {
            problems.Add($"ApiKey: no API key; set {ApiKeyVariable ?? DefaultApiKeyVariable} or ApiKey");
        }
        return problems;
    }
}
