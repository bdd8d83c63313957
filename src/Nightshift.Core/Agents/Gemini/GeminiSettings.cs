using System.Text.Json.Nodes;
using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Gemini;

/// <summary>
/// The files a run's Gemini CLI reads: <c>.gemini/settings.json</c> in the task's HOME (how it
/// authenticates, no update checks or usage statistics, and the agent bridge as an MCP server) and
/// the policy that allows the shell, in the task's state folder. Both are written 0600: the
/// bridge's token lives only there.
/// </summary>
internal sealed class GeminiSettings(string state, string home)
{
    public string SettingsPath => Path.Combine(home, ".gemini", "settings.json");

    public string PolicyPath => Path.Combine(state, "nightshift-policy.toml");

    public async Task WriteAsync(AgentBridgeEndpoint? bridge, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        await PrivateFile.WriteAsync(SettingsPath, Settings(bridge, environment).ToJsonString(new() { WriteIndented = true }), cancellationToken);
        await PrivateFile.WriteAsync(PolicyPath, Policy, cancellationToken);
    }

    internal static JsonObject Settings(AgentBridgeEndpoint? bridge, IReadOnlyDictionary<string, string> environment)
    {
        var settings = new JsonObject
        {
            ["general"] = new JsonObject { ["enableAutoUpdate"] = false, ["enableAutoUpdateNotification"] = false },
            ["privacy"] = new JsonObject { ["usageStatisticsEnabled"] = false },
            ["telemetry"] = new JsonObject { ["enabled"] = false },
        };
        // With GOOGLE_GEMINI_BASE_URL set and no type chosen, this version picks a "gateway" type
        // that its headless mode then refuses; the API key type honours the base URL too.
        settings["security"] = new JsonObject { ["auth"] = new JsonObject { ["selectedType"] = AuthType(environment) } };
        if (bridge is not null)
        {
            settings["mcpServers"] = new JsonObject
            {
                [AgentBridgeEndpoint.ServerName] = new JsonObject
                {
                    ["httpUrl"] = bridge.Url.ToString(),
                    ["headers"] = new JsonObject { ["Authorization"] = $"Bearer {bridge.Token}" },
                    // The bridge is Nightshift's own: its tools (progress, questions, decisions) never ask.
                    ["trust"] = true,
                    // Set, not left to the CLI's default (ten minutes in this version), so the CLI
                    // waits longer than the bridge holds a question whatever a later version defaults to.
                    ["timeout"] = (long)AgentBridgeEndpoint.ToolCallTimeout.TotalMilliseconds,
                },
            };
        }
        return settings;
    }

    private static string AuthType(IReadOnlyDictionary<string, string> environment) =>
        Value(environment, "GOOGLE_GENAI_USE_VERTEXAI") is "true" ? "vertex-ai" : "gemini-api-key";

    private static string? Value(IReadOnlyDictionary<string, string> environment, string key) =>
        environment.TryGetValue(key, out var value) ? value : System.Environment.GetEnvironmentVariable(key);

    private const string Policy = """
        # Written by Nightshift for unattended runs: the shell may run without asking, because tasks
        # build and test. Edits are approved by --approval-mode auto_edit; everything else that would
        # ask is left out of a headless session.
        [[rule]]
        toolName = "run_shell_command"
        decision = "allow"
        priority = 100
        """;
}
