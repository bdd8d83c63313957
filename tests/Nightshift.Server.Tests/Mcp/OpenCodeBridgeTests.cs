using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.OpenCode;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Xunit;

namespace Nightshift.Server.Tests.Mcp;

/// <summary>
/// The real <c>opencode</c> CLI, run by the engine in the real server against the scripted
/// OpenAI chat completions API, calls its run's bridge over MCP. opencode names an MCP tool
/// after its server: <c>nightshift_report_progress</c>.
/// </summary>
public sealed class OpenCodeBridgeTests
{
    [Fact]
    public async Task OpenCode_ReportsProgressPlanAndDecisionAndAsks_ThroughTheBridge_AndGetsTheAnswerInItsToolResult()
    {
        Requirements.Executable("opencode", OpenCodeAgent.InstallHint);
        var script = BridgeRoundTrip.BridgeCalls("nightshift_")
            .WhenToolResult(BridgeRoundTrip.AnswerInToolResult).CallTool("write", new { filePath = "notes.txt", content = "- first\n" }).Once()
            .WhenToolResult("Wrote file").Say("Wrote the notes as bullets.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script, cancellationToken: TestContext.Current.CancellationToken);
        using var state = new TempDirectory("opencode-state");
        await using var h = await ServerHarness.StartAsync(services => services.AddSingleton(new OpenCodeOptions
        {
            ExecutablePath = AgentClis.OpenCode,
            StateRoot = state.Path,
            UserHome = TestUserHome.In(state.Path),
            BaseUrl = model.Endpoint,
            DefaultModel = ScriptedModelServer.ModelName,
        }));

        await BridgeRoundTrip.RunAsync(h, model, "agent: opencode");
    }
}
