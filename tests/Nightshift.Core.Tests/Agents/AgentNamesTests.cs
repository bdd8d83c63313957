using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents;
using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Engine;
using Nightshift.Core.Specs;
using Nightshift.Core.Storage;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents;

public sealed class AgentNamesTests
{
    [Fact]
    public async Task TheEngine_RegistersARuntimeForEachKnownAgent_AndNoOther()
    {
        using var dir = new TempDirectory("home");
        var services = new ServiceCollection();
        // The built-in agent registers only when configured; configured here so that every runtime is in the catalog.
        services.AddSingleton(new BuiltInAgentOptions { Model = "scripted", Endpoint = new Uri("http://127.0.0.1:9/v1"), ApiKey = "x" });
        await using var provider = services.AddNightshiftEngine(new NightshiftHome(dir.Path), new WorkerOptions()).BuildServiceProvider();

        var registered = provider.GetRequiredService<AgentCatalog>().All.Select(r => r.Name);

        registered.ShouldBe(KnownAgents.All, ignoreOrder: true);
    }
}
