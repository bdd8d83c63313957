using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.Gemini;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Xunit;

namespace Nightshift.Server.Tests.Mcp;

/// <summary>
/// The real <c>gemini</c> CLI, run by the engine in the real server against the scripted Gemini
/// API (generateContent), calls its run's bridge over MCP.
/// </summary>
public sealed class GeminiBridgeTests
{
    /// <summary>Named in the spec: without a model, the CLI first asks a small model to route each turn.</summary>
    private const string Model = "gemini-scripted";

    [Fact]
    public async Task Gemini_ReportsProgressPlanAndDecisionAndAsks_ThroughTheBridge_AndGetsTheAnswerInItsToolResult()
    {
        Requirements.Executable("gemini", GeminiAgent.InstallHint);
        var script = BridgeRoundTrip.BridgeCalls("mcp_nightshift_")
            .WhenToolResult(BridgeRoundTrip.AnswerInToolResult).CallTool("write_file", new { file_path = "notes.txt", content = "- first\n" }).Once()
            .WhenToolResult("notes.txt").Say("Wrote the notes as bullets.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script, cancellationToken: TestContext.Current.CancellationToken);
        using var state = new TempDirectory("gemini-state");
        await using var h = await ServerHarness.StartAsync(services => services.AddSingleton(new GeminiOptions
        {
            ExecutablePath = AgentClis.Gemini,
            StateRoot = state.Path,
            UserHome = TestUserHome.In(state.Path),
            Environment = new Dictionary<string, string>
            {
                ["GOOGLE_GEMINI_BASE_URL"] = model.GeminiBaseUrl,
                ["GEMINI_API_KEY"] = "scripted-dummy-key",
            },
        }));

        await BridgeRoundTrip.RunAsync(h, model, $"agent: gemini\nmodel: {Model}");
    }
}
