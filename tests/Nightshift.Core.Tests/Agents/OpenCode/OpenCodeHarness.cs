using Nightshift.Core.Agents.OpenCode;
using Nightshift.Core.Processes;
using Nightshift.ScriptedModel;
using Nightshift.Testing;

namespace Nightshift.Core.Tests.Agents.OpenCode;

/// <summary>The real <c>opencode</c> CLI against the scripted model's chat completions, as an OpenAI-compatible provider.</summary>
internal static class OpenCodeHarness
{
    /// <param name="script">What the scripted model answers.</param>
    /// <param name="executable">Another opencode than the usual one (an older version); null for <see cref="AgentClis.OpenCode"/>.</param>
    public static Task<CliAgentHarness> StartAsync(Script script, string? executable = null)
    {
        executable ??= AgentClis.Require(AgentClis.OpenCode, "opencode", OpenCodeAgent.InstallHint);
        return CliAgentHarness.StartAsync(script, (server, state) => new OpenCodeAgent(Options(server, state) with { ExecutablePath = executable }, new ProcessRunner(TimeProvider.System)));
    }

    public static OpenCodeOptions Options(ScriptedModelServer server, string state) => new()
    {
        ExecutablePath = AgentClis.OpenCode,
        StateRoot = state,
        UserHome = TestUserHome.In(state),
        BaseUrl = server.Endpoint,
        DefaultModel = ScriptedModelServer.ModelName,
    };
}
