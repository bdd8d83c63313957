using Nightshift.Core.Agents;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Codex;

public sealed class CodexBridgeTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Bridge_IsConfiguredAsAnMcpServer_AndItsToolIsCalledWithTheRunsBearerToken()
    {
        const string Token = "run-token-7f3a";
        await using var bridge = await TestBridge.StartAsync(Token);
        var script = Script.Create()
            .WhenToolResult("progress noted").Say("Reported.")
            .WhenLastUser("Report progress").CallTool("report_progress", new { message = "halfway there", percent = 50 }).Once()
            .Build();
        await using var run = await CodexHarness.StartAsync(script);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(RunLimit);

        var outcome = await run.RunAsync("Report progress through the bridge.", limit.Token, bridge: bridge.Endpoint);

        outcome.Succeeded.ShouldBeTrue(run.Story() + "\n" + outcome.Error);
        outcome.Summary.ShouldBe("Reported.");
        // Codex offers the bridge's tools to the model under the server's name.
        run.Server.Requests[0].ToolNames.ShouldContain("mcp__" + AgentBridgeEndpoint.ServerName);
        run.Server.Requests[0].ToolNames.ShouldContain("report_progress");
        bridge.Reports.ShouldBe([("halfway there", (int?)50)]);
        bridge.Authorizations.ShouldNotBeEmpty();
        bridge.Authorizations.ShouldAllBe(a => a == "Bearer " + Token);
        run.Events.ShouldContain(e => e.Kind == AgentEventKind.ToolCall && e.Text.StartsWith("nightshift.report_progress", StringComparison.Ordinal));
        run.Events.ShouldContain(e => e.Kind == AgentEventKind.ToolResult && e.Text == "progress noted: halfway there");
        // The token reaches codex through a variable, never its command line or the event log.
        run.Events.ShouldNotContain(e => e.Text.Contains(Token, StringComparison.Ordinal));
    }
}
