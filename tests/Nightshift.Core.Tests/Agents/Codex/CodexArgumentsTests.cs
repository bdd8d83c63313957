using Nightshift.Core.Agents;
using Nightshift.Core.Agents.Codex;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Codex;

public sealed class CodexArgumentsTests
{
    private static AgentRunRequest Request(string worktree, AgentBridgeEndpoint? bridge = null) => new()
    {
        TaskId = 12,
        RunId = 3,
        Attempt = 2,
        WorktreePath = worktree,
        Prompt = "hi",
        SpecFilePath = "spec.md",
        Feedback = NoFeedback.Instance,
        Bridge = bridge,
        Environment = new Dictionary<string, string> { ["FROM_RUN"] = "run" },
    };

    /// <summary>The <c>-c</c> overrides as key → TOML value.</summary>
    private static Dictionary<string, string> Overrides(List<string> arguments)
    {
        arguments[0].ShouldBe("app-server");
        var pairs = arguments.Skip(1).Chunk(2).ToList();
        pairs.ShouldAllBe(p => p.Length == 2 && p[0] == "-c");
        return pairs.Select(p => p[1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
    }

    [Fact]
    public void Build_PointsCodexAtTheConfiguredEndpoint_OverTheResponsesApi_WithTheKeyByName()
    {
        var options = new CodexOptions { StateRoot = "/state", UserHome = "/home/test-user", BaseUrl = new Uri("http://127.0.0.1:4000/v1/"), ApiKeyVariable = "GATEWAY_KEY" };

        var set = Overrides(CodexArguments.Build(options, Request("/work")));

        set["model_provider"].ShouldBe("\"nightshift\"");
        set["model_providers.nightshift.base_url"].ShouldBe("\"http://127.0.0.1:4000/v1\"");
        set["model_providers.nightshift.wire_api"].ShouldBe("\"responses\"");
        set["model_providers.nightshift.env_key"].ShouldBe("\"GATEWAY_KEY\"");
    }

    [Fact]
    public void Build_RunsSandboxedInTheWorkspace_AndNeverWaitsForAnApproval()
    {
        var set = Overrides(CodexArguments.Build(new CodexOptions { StateRoot = "/state", UserHome = "/home/test-user", NetworkAccess = false }, Request("/work")));

        set["sandbox_mode"].ShouldBe("\"workspace-write\"");
        set["approval_policy"].ShouldBe("\"never\"");
        set["sandbox_workspace_write.network_access"].ShouldBe("false");
        set.Keys.ShouldNotContain(k => k.StartsWith("mcp_servers.", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_WithoutAGateway_LeavesModelAndProviderToTheUsersConfigAndLogin()
    {
        var set = Overrides(CodexArguments.Build(new CodexOptions { StateRoot = "/state", UserHome = "/home/test-user" }, Request("/work")));

        // A provider of Nightshift's own would override the user's config.toml and bypass `codex login`.
        set.Keys.ShouldNotContain(k => k.StartsWith("model_provider", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ForAnIsolatedRunWithoutAGateway_UsesOpenAiWithTheKeyFromItsVariable()
    {
        var set = Overrides(CodexArguments.Build(new CodexOptions { StateRoot = "/state", UserHome = "/home/test-user" }, Request("/work") with { AgentConfig = Nightshift.Core.Specs.AgentConfigMode.Isolated }));

        set["model_provider"].ShouldBe("\"nightshift\"");
        set["model_providers.nightshift.base_url"].ShouldBe("\"https://api.openai.com/v1\"");
        set["model_providers.nightshift.env_key"].ShouldBe("\"OPENAI_API_KEY\"");
    }

    [Fact]
    public void Build_WithABridge_ConfiguresAStreamableHttpServer_AndTheTokenOnlyInTheEnvironment()
    {
        using var state = new TempDirectory("codex-state");
        var options = new CodexOptions { StateRoot = state.Path, UserHome = TestUserHome.In(state.Path), Environment = new Dictionary<string, string> { ["FROM_OPTIONS"] = "options", ["FROM_RUN"] = "options" } };
        var bridge = new AgentBridgeEndpoint(new Uri("http://127.0.0.1:5000/mcp/runs/3"), "secret-token-123");
        var request = Request("/work", bridge);

        var arguments = CodexArguments.Build(options, request);
        var environment = new CodexAgent(options, TimeProvider.System).Environment(request);

        var set = Overrides(arguments);
        set["mcp_servers.nightshift.url"].ShouldBe("\"http://127.0.0.1:5000/mcp/runs/3\"");
        set["mcp_servers.nightshift.bearer_token_env_var"].ShouldBe("\"NIGHTSHIFT_BRIDGE_TOKEN\"");
        set["mcp_servers.nightshift.default_tools_approval_mode"].ShouldBe("\"approve\"");
        set["mcp_servers.nightshift.required"].ShouldBe("true");
        // Longer than the bridge holds a question, so codex never gives up on an answer that is coming.
        long.Parse(set["mcp_servers.nightshift.tool_timeout_sec"], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan((long)AgentBridgeEndpoint.LongestCall.TotalSeconds);
        set["mcp_servers.nightshift.startup_timeout_sec"].ShouldBe("30");
        arguments.ShouldNotContain(a => a.Contains("secret-token-123", StringComparison.Ordinal));
        environment["NIGHTSHIFT_BRIDGE_TOKEN"].ShouldBe("secret-token-123");
        // The user's own CODEX_HOME (~/.codex under their HOME) unless the run is isolated.
        environment.ShouldNotContainKey("CODEX_HOME");
        environment["HOME"].ShouldBe(options.UserHome);
        var isolated = new CodexAgent(options, TimeProvider.System).Environment(request with { AgentConfig = Nightshift.Core.Specs.AgentConfigMode.Isolated });
        isolated["CODEX_HOME"].ShouldBe(Path.Combine(state.Path, "task-12", "codex-home"));
        Directory.Exists(isolated["CODEX_HOME"]).ShouldBeTrue();
        isolated["HOME"].ShouldBe(Path.Combine(state.Path, "task-12", "home"));
        environment["FROM_OPTIONS"].ShouldBe("options");
        environment["FROM_RUN"].ShouldBe("run");
        environment["NIGHTSHIFT_ATTEMPT"].ShouldBe("2");
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("C:\\path", "\"C:\\\\path\"")]
    [InlineData("two\nlines\u0001", "\"two\\nlines\\u0001\"")]
    public void Toml_QuotesAndEscapesABasicString(string value, string toml) =>
        CodexArguments.Toml(value).ShouldBe(toml);

    [Fact]
    public void Find_TakesTheExecutableEndpointAndSandboxFromTheEnvironment()
    {
        var variables = new Dictionary<string, string?>
        {
            [CodexOptions.PathVariable] = "/opt/codex/bin/codex",
            [CodexOptions.BaseUrlVariable] = "http://gateway.internal/v1",
            [CodexOptions.SandboxVariable] = "danger-full-access",
        };

        var options = CodexOptions.Find("/state", name => variables.GetValueOrDefault(name));

        options.ExecutablePath.ShouldBe("/opt/codex/bin/codex");
        options.BaseUrl.ShouldBe(new Uri("http://gateway.internal/v1"));
        options.SandboxMode.ShouldBe("danger-full-access");
        Overrides(CodexArguments.Build(options, Request("/work")))["sandbox_mode"].ShouldBe("\"danger-full-access\"");
        var defaults = CodexOptions.Find("/state", name => name == CodexOptions.SandboxVariable ? "no-such-mode" : null);
        defaults.BaseUrl.ShouldBeNull();
        defaults.SandboxMode.ShouldBe("workspace-write");
    }

    [Fact]
    public async Task Run_WithoutTheExecutable_FailsSayingHowToInstallIt()
    {
        using var state = new TempDirectory("codex-state");
        var agent = new CodexAgent(new CodexOptions { ExecutablePath = null, StateRoot = state.Path, UserHome = TestUserHome.In(state.Path) }, TimeProvider.System);

        var outcome = await agent.RunAsync(Request(state.Path), _ => ValueTask.CompletedTask, TestContext.Current.CancellationToken);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Error!.ShouldContain(CodexAgent.InstallHint);
        agent.Capabilities.SteerMidTurn.ShouldBeTrue();
        agent.Capabilities.Resume.ShouldBeTrue();
    }
}
