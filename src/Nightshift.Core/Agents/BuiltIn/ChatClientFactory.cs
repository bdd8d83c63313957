using System.ClientModel;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>Makes the <see cref="IChatClient"/> the built-in agent talks to, from its options.</summary>
public static class ChatClientFactory
{
    /// <summary>Sent when an OpenAI-compatible endpoint needs no key; the client library insists on one.</summary>
    private const string NoKey = "no-key";

    public static IChatClient Create(BuiltInAgentOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = options.ResolveApiKey(environment);
        return options.Provider switch
        {
            ModelProvider.Anthropic => CreateAnthropic(options, key),
            _ => CreateOpenAI(options, key),
        };
    }

    private static IChatClient CreateOpenAI(BuiltInAgentOptions options, string? key)
    {
        var clientOptions = new OpenAIClientOptions { NetworkTimeout = options.RequestTimeLimit };
        if (options.Endpoint is { } endpoint)
        {
            clientOptions.Endpoint = endpoint;
        }
        return new ChatClient(options.Model, new ApiKeyCredential(key ?? NoKey), clientOptions).AsIChatClient();
    }

    private static IChatClient CreateAnthropic(BuiltInAgentOptions options, string? key)
    {
        var client = options.Endpoint is { } endpoint
            ? new AnthropicClient { ApiKey = key, Timeout = options.RequestTimeLimit, BaseUrl = endpoint.ToString().TrimEnd('/') }
            : new AnthropicClient { ApiKey = key, Timeout = options.RequestTimeLimit };
        return client.AsIChatClient(options.Model, options.MaxOutputTokens);
    }
}
