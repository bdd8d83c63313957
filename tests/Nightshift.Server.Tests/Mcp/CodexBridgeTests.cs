using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.Codex;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Xunit;

namespace Nightshift.Server.Tests.Mcp;

/// <summary>
/// The real <c>codex</c> CLI (<c>codex app-server</c>), run by the engine in the real server
/// against the scripted Responses API, calls its run's bridge over MCP. Codex offers MCP tools
/// inside a namespace; the scripted model adds it to the calls it makes.
/// </summary>
public sealed class CodexBridgeTests
{
    private const string ApiKeyVariable = "NIGHTSHIFT_TEST_CODEX_KEY";

    [Fact]
    public async Task Codex_ReportsProgressPlanAndDecisionAndAsks_ThroughTheBridge_AndGetsTheAnswerInItsToolResult()
    {
        Requirements.Executable("codex", CodexAgent.InstallHint);
        var script = BridgeRoundTrip.BridgeCalls("")
            .WhenToolResult(BridgeRoundTrip.AnswerInToolResult).CallTool("exec_command", new { cmd = "echo '- first' > notes.txt && echo wrote-notes" }).Once()
            .WhenToolResult("wrote-notes").Say("Wrote the notes as bullets.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script, cancellationToken: TestContext.Current.CancellationToken);
        using var state = new TempDirectory("codex-state");
        await using var h = await ServerHarness.StartAsync(services => services.AddSingleton(new CodexOptions
        {
            ExecutablePath = AgentClis.Codex,
            StateRoot = state.Path,
            UserHome = TestUserHome.In(state.Path),
            BaseUrl = model.Endpoint,
            ApiKeyVariable = ApiKeyVariable,
            Model = ScriptedModelServer.ModelName,
            Environment = new Dictionary<string, string> { [ApiKeyVariable] = "sk-scripted-dummy" },
        }));

        await BridgeRoundTrip.RunAsync(h, model, "agent: codex");
    }
}
