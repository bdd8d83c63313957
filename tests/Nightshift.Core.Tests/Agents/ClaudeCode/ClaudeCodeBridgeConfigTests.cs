using System.Text.Json;
using Nightshift.Core.Agents;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Agents.Cli;
using Nightshift.Core.Specs;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.ClaudeCode;

/// <summary>How a run's bridge reaches Claude Code: an MCP config file outside the worktree, the bridge's tools allowed, a tool timeout above the bridge's longest call.</summary>
public sealed class ClaudeCodeBridgeConfigTests
{
    [Fact]
    public void WithABridge_ClaudeGetsAnOwnerOnlyMcpConfig_OnlyThatServer_AndItsToolsAllowed()
    {
        using var state = new TempDirectory("claude-state");
        using var worktree = new TempDirectory("worktree");
        var agent = new ClaudeCodeAgent(new ClaudeCodeOptions { StateRoot = state.Path, UserHome = TestUserHome.In(state.Path) }, TimeProvider.System);
        var request = Request(worktree.Path) with { Bridge = new AgentBridgeEndpoint(new Uri("http://127.0.0.1:7433/mcp/runs/12"), "nsr_secret") };

        var arguments = agent.Arguments(request, CliFacts.Unknown);
        var environment = agent.Environment(request);

        var config = arguments[arguments.IndexOf("--mcp-config") + 1];
        config.ShouldBe(Path.Combine(state.Path, "task-3", "mcp.json"));
        config.ShouldNotStartWith(worktree.Path);
        // On the user's configuration the user's own MCP servers load beside the bridge; an isolated run has the bridge alone.
        arguments.ShouldNotContain("--strict-mcp-config");
        agent.Arguments(request with { AgentConfig = AgentConfigMode.Isolated }, CliFacts.Unknown).ShouldContain("--strict-mcp-config");
        arguments[arguments.IndexOf("--allowedTools") + 1].Split(',').ShouldContain("mcp__nightshift__*");
        var server = JsonDocument.Parse(File.ReadAllText(config)).RootElement.GetProperty("mcpServers").GetProperty("nightshift");
        server.GetProperty("type").GetString().ShouldBe("http");
        server.GetProperty("url").GetString().ShouldBe("http://127.0.0.1:7433/mcp/runs/12");
        server.GetProperty("headers").GetProperty("Authorization").GetString().ShouldBe("Bearer nsr_secret");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(config).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        long.Parse(environment["MCP_TOOL_TIMEOUT"], System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan((long)AgentBridgeEndpoint.LongestCall.TotalMilliseconds);
        environment.Values.ShouldNotContain(v => v.Contains("nsr_secret"));
    }

    [Fact]
    public void WithoutABridge_ClaudeGetsNoMcpConfig()
    {
        using var state = new TempDirectory("claude-state");
        using var worktree = new TempDirectory("worktree");
        var agent = new ClaudeCodeAgent(new ClaudeCodeOptions { StateRoot = state.Path, UserHome = TestUserHome.In(state.Path) }, TimeProvider.System);

        var arguments = agent.Arguments(Request(worktree.Path), CliFacts.Unknown);

        arguments.ShouldNotContain("--mcp-config");
        arguments[arguments.IndexOf("--allowedTools") + 1].ShouldNotContain("mcp__");
        agent.Environment(Request(worktree.Path)).ShouldNotContainKey("MCP_TOOL_TIMEOUT");
    }

    private static AgentRunRequest Request(string worktree) => new()
    {
        TaskId = 3,
        RunId = 12,
        Attempt = 1,
        WorktreePath = worktree,
        Prompt = "Do it.",
        SpecFilePath = Path.Combine(worktree, "..", "spec.md"),
        Feedback = NoFeedback.Instance,
    };
}
