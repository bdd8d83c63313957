using System.Globalization;
using Nightshift.Core.Specs;

namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>
/// Reads <see cref="BuiltInAgentOptions"/> from environment variables. The agent is configured
/// when <c>NIGHTSHIFT_BUILTIN_MODEL</c> is set; a bad value is refused with the variable's name.
/// </summary>
public static class BuiltInAgentEnvironment
{
    public const string Model = "NIGHTSHIFT_BUILTIN_MODEL";
    public const string Provider = "NIGHTSHIFT_BUILTIN_PROVIDER";
    public const string Endpoint = "NIGHTSHIFT_BUILTIN_ENDPOINT";
    public const string ApiKeyVariable = "NIGHTSHIFT_BUILTIN_API_KEY_VAR";
    public const string MaxSteps = "NIGHTSHIFT_BUILTIN_MAX_STEPS";
    public const string MaxTokens = "NIGHTSHIFT_BUILTIN_MAX_TOKENS";
    public const string CommandTimeLimit = "NIGHTSHIFT_BUILTIN_COMMAND_TIME_LIMIT";
    public const string Streaming = "NIGHTSHIFT_BUILTIN_STREAMING";
    public const string Price = "NIGHTSHIFT_BUILTIN_PRICE";

    /// <summary>Null when the built-in agent is not configured.</summary>
    /// <exception cref="InvalidOperationException">A variable holds a value that cannot be used.</exception>
    public static BuiltInAgentOptions? Read(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(Model) is not { Length: > 0 } model)
        {
            return null;
        }
        var defaults = new BuiltInAgentOptions { Model = model };
        return defaults with
        {
            Provider = environment(Provider) switch
            {
                null or "" => defaults.Provider,
                var p when p.Equals("openai", StringComparison.OrdinalIgnoreCase) => ModelProvider.OpenAI,
                var p when p.Equals("anthropic", StringComparison.OrdinalIgnoreCase) => ModelProvider.Anthropic,
                var p => throw Bad(Provider, p, "use openai or anthropic"),
            },
            Endpoint = environment(Endpoint) is { Length: > 0 } e
                ? Uri.TryCreate(e, UriKind.Absolute, out var uri) ? uri : throw Bad(Endpoint, e, "use an absolute http(s) address")
                : null,
            ApiKeyVariable = environment(ApiKeyVariable) is { Length: > 0 } v ? v : null,
            MaxSteps = environment(MaxSteps) is { Length: > 0 } s ? (int)Math.Min(Number(MaxSteps, s), int.MaxValue) : defaults.MaxSteps,
            MaxTokens = environment(MaxTokens) is { Length: > 0 } t ? Number(MaxTokens, t) : defaults.MaxTokens,
            CommandTimeLimit = environment(CommandTimeLimit) is { Length: > 0 } d
                ? DurationParser.TryParse(d, out var limit, out var why) ? limit : throw Bad(CommandTimeLimit, d, why)
                : defaults.CommandTimeLimit,
            Price = environment(Price) is { Length: > 0 } price
                ? ModelPrice.Parse(price, out var bad) ?? throw Bad(Price, price, bad!)
                : null,
            Streaming = environment(Streaming) is { Length: > 0 } b
                ? bool.TryParse(b, out var streaming) ? streaming : throw Bad(Streaming, b, "use true or false")
                : defaults.Streaming,
        };
    }

    private static long Number(string name, string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw Bad(name, text, "use a whole number above 0");

    private static InvalidOperationException Bad(string name, string value, string what) => new($"{name}='{value}': {what}");
}
