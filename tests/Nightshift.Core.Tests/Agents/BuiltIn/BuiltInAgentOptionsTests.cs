using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents;
using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Core.Processes;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.BuiltIn;

/// <summary>Configuring the built-in agent: environment variables, validation, registration and the two providers.</summary>
public sealed class BuiltInAgentOptionsTests
{
    [Fact]
    public void Environment_WithoutAModel_LeavesTheAgentUnconfigured()
    {
        BuiltInAgentEnvironment.Read(_ => null).ShouldBeNull();
    }

    [Fact]
    public void Environment_ReadsEveryOption()
    {
        var env = new Dictionary<string, string>
        {
            ["NIGHTSHIFT_BUILTIN_MODEL"] = "claude-sonnet-4-5",
            ["NIGHTSHIFT_BUILTIN_PROVIDER"] = "Anthropic",
            ["NIGHTSHIFT_BUILTIN_ENDPOINT"] = "http://127.0.0.1:9/",
            ["NIGHTSHIFT_BUILTIN_API_KEY_VAR"] = "MY_KEY",
            ["NIGHTSHIFT_BUILTIN_MAX_STEPS"] = "40",
            ["NIGHTSHIFT_BUILTIN_MAX_TOKENS"] = "500000",
            ["NIGHTSHIFT_BUILTIN_COMMAND_TIME_LIMIT"] = "2m",
            ["NIGHTSHIFT_BUILTIN_STREAMING"] = "false",
            ["NIGHTSHIFT_BUILTIN_PRICE"] = "3, 15.5",
        };

        var options = BuiltInAgentEnvironment.Read(env.GetValueOrDefault)!;

        options.ShouldBe(new BuiltInAgentOptions
        {
            Model = "claude-sonnet-4-5",
            Provider = ModelProvider.Anthropic,
            Endpoint = new Uri("http://127.0.0.1:9/"),
            ApiKeyVariable = "MY_KEY",
            MaxSteps = 40,
            MaxTokens = 500_000,
            CommandTimeLimit = TimeSpan.FromMinutes(2),
            Streaming = false,
            Price = new ModelPrice(3m, 15.5m),
        });
        options.ResolveApiKey(name => name == "MY_KEY" ? "secret" : null).ShouldBe("secret");
    }

    [Theory]
    [InlineData("NIGHTSHIFT_BUILTIN_PROVIDER", "gemini", "use openai or anthropic")]
    [InlineData("NIGHTSHIFT_BUILTIN_MAX_STEPS", "0", "use a whole number above 0")]
    [InlineData("NIGHTSHIFT_BUILTIN_COMMAND_TIME_LIMIT", "soon", "NIGHTSHIFT_BUILTIN_COMMAND_TIME_LIMIT='soon'")]
    [InlineData("NIGHTSHIFT_BUILTIN_ENDPOINT", "not a url", "use an absolute http(s) address")]
    [InlineData("NIGHTSHIFT_BUILTIN_PRICE", "cheap", "dollars per million tokens, separated by a comma, e.g. 3,15")]
    [InlineData("NIGHTSHIFT_BUILTIN_PRICE", "3", "e.g. 3,15")]
    public void Environment_WithABadValue_NamesTheVariable(string variable, string value, string expected)
    {
        var env = new Dictionary<string, string> { ["NIGHTSHIFT_BUILTIN_MODEL"] = "m", [variable] = value };

        var error = Should.Throw<InvalidOperationException>(() => BuiltInAgentEnvironment.Read(env.GetValueOrDefault));

        error.Message.ShouldStartWith($"{variable}='{value}'");
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void Problems_NameTheOption()
    {
        var options = new BuiltInAgentOptions { Model = "gpt-4.1", MaxSteps = 0 };

        options.Problems(_ => null).ShouldBe(
        [
            "MaxSteps: 0 allows no model call; use 1 or more",
            "ApiKey: no API key; set OPENAI_API_KEY or ApiKey",
        ]);
        (options with { MaxSteps = 5 }).Problems(n => n == "OPENAI_API_KEY" ? "sk-test" : null).ShouldBeEmpty();
    }

    [Fact]
    public void AddBuiltInAgent_RegistersARuntimeOnlyWhenConfigured()
    {
        var unconfigured = new ServiceCollection().AddSingleton(new ProcessRunner(TimeProvider.System)).AddBuiltInAgent(_ => null);
        unconfigured.ShouldNotContain(d => d.ServiceType == typeof(IAgentRuntime));

        var services = new ServiceCollection()
            .AddSingleton(new ProcessRunner(TimeProvider.System))
            .AddSingleton(new BuiltInAgentOptions { Model = "local", Endpoint = new Uri("http://127.0.0.1:9/v1") })
            .AddBuiltInAgent(_ => null);
        using var provider = services.BuildServiceProvider();

        var runtime = provider.GetServices<IAgentRuntime>().Single();
        runtime.Name.ShouldBe("builtin");
        runtime.Capabilities.SteerMidTurn.ShouldBeTrue();
        runtime.Capabilities.ReportsUsage.ShouldBeTrue();
    }

    [Fact]
    public void AddBuiltInAgent_WithOptionsThatCannotWork_RefusesAtStart()
    {
        var env = new Dictionary<string, string> { ["NIGHTSHIFT_BUILTIN_MODEL"] = "gpt-4.1" };

        var error = Should.Throw<InvalidOperationException>(() => new ServiceCollection().AddBuiltInAgent(env.GetValueOrDefault));

        error.Message.ShouldBe("The built-in agent is misconfigured: ApiKey: no API key; set OPENAI_API_KEY or ApiKey");
    }

    [Theory]
    [InlineData(ModelProvider.OpenAI, "openai")]
    [InlineData(ModelProvider.Anthropic, "anthropic")]
    public void ChatClient_IsMadeForEachProvider(ModelProvider provider, string providerName)
    {
        var options = new BuiltInAgentOptions { Model = "some-model", Provider = provider, ApiKey = "test-key", Endpoint = new Uri("http://127.0.0.1:9/v1") };

        using var client = ChatClientFactory.Create(options, _ => null);

        client.GetService<ChatClientMetadata>()!.ProviderName.ShouldBe(providerName);
    }
}
