using System.Text.Json.Nodes;
using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Gemini;

/// <summary>
/// Nightshift's settings for a run's Gemini CLI (how it authenticates when the environment decides,
/// no update checks or usage statistics, and the agent bridge as an MCP server) and the policy that
/// allows the shell, both written 0600 in the task's state folder: the bridge's token lives only
/// there. On the user's configuration the settings are the CLI's system settings
/// (GEMINI_CLI_SYSTEM_SETTINGS_PATH), which Gemini CLI merges last, over the user's and the
/// workspace's, with MCP servers merged by name so the user's own still load; an isolated run's
/// HOME is the task's, and the settings are its user settings.
/// </summary>
internal sealed class GeminiSettings(string state, string? isolatedHome)
{
    /// <summary>Gemini CLI's variable for the path of its system settings file.</summary>
    public const string SystemSettingsVariable = "GEMINI_CLI_SYSTEM_SETTINGS_PATH";

    public string SettingsPath => isolatedHome is null ? Path.Combine(state, "system-settings.json") : Path.Combine(isolatedHome, ".gemini", "settings.json");

    public string PolicyPath => Path.Combine(state, "nightshift-policy.toml");

    public async Task WriteAsync(AgentBridgeEndpoint? bridge, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        await PrivateFile.WriteAsync(SettingsPath, Settings(bridge, environment, isolatedHome is not null).ToJsonString(new() { WriteIndented = true }), cancellationToken);
        await PrivateFile.WriteAsync(PolicyPath, Policy, cancellationToken);
    }

    internal static JsonObject Settings(AgentBridgeEndpoint? bridge, IReadOnlyDictionary<string, string> environment, bool isolated = true)
    {
        var settings = new JsonObject
        {
            ["general"] = new JsonObject { ["enableAutoUpdate"] = false, ["enableAutoUpdateNotification"] = false },
            ["privacy"] = new JsonObject { ["usageStatisticsEnabled"] = false },
            ["telemetry"] = new JsonObject { ["enabled"] = false },
        };
        // With GOOGLE_GEMINI_BASE_URL set and no type chosen, this version picks a "gateway" type
        // that its headless mode then refuses; the API key type honours the base URL too. On the
        // user's configuration the type is the user's own choice unless such a gateway needs it.
        if (isolated || Value(environment, "GOOGLE_GEMINI_BASE_URL") is { Length: > 0 })
        {
            settings["security"] = new JsonObject { ["auth"] = new JsonObject { ["selectedType"] = AuthType(environment) } };
        }
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
