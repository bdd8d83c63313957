using Nightshift.Core.Agents.Gemini;
using Nightshift.Core.Processes;
using Nightshift.ScriptedModel;
using Nightshift.Testing;

namespace Nightshift.Core.Tests.Agents.Gemini;

/// <summary>The real <c>gemini</c> CLI against the scripted model's Gemini API.</summary>
internal static class GeminiHarness
{
    /// <summary>
    /// A model named on the command line: without one, the CLI first asks a small model to route
    /// each turn, and those routing requests would need rules of their own.
    /// </summary>
    public const string Model = "gemini-scripted";

    /// <param name="script">What the scripted model answers.</param>
    /// <param name="executable">Another gemini than the usual one (an older version); null for <see cref="AgentClis.Gemini"/>.</param>
    public static Task<CliAgentHarness> StartAsync(Script script, string? executable = null)
    {
        executable ??= AgentClis.Require(AgentClis.Gemini, "gemini", GeminiAgent.InstallHint);
        return CliAgentHarness.StartAsync(script, (server, state) => new GeminiAgent(Options(server, state) with { ExecutablePath = executable }, new ProcessRunner(TimeProvider.System)), Model);
    }

    public static GeminiOptions Options(ScriptedModelServer server, string state) => new()
    {
        ExecutablePath = AgentClis.Gemini,
        StateRoot = state,
        UserHome = TestUserHome.In(state),
        Environment = new Dictionary<string, string>
        {
            ["GOOGLE_GEMINI_BASE_URL"] = server.GeminiBaseUrl,
            ["GEMINI_API_KEY"] = "scripted-dummy-key",
        },
    };
}
