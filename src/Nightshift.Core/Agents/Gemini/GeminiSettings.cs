using System.Text.Json.Nodes;
using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Gemini;

/// <summary>
/// The files a run's Gemini CLI reads: <c>.gemini/settings.json</c> in the task's Gemini home (the
/// user's own settings, if any, with Nightshift's over them: no update checks or usage statistics,
/// the agent bridge as an MCP server, and the auth type when the run's environment needs one) and
/// the policy that allows the shell, in the task's state folder. Both are written 0600: the
/// bridge's token lives only there.
/// </summary>
internal sealed class GeminiSettings(string state, string home)
{
    public string SettingsPath => Path.Combine(home, ".gemini", "settings.json");

    public string PolicyPath => Path.Combine(state, "nightshift-policy.toml");

    /// <param name="user">The user's own settings.json, merged under Nightshift's; null for none (an isolated run).</param>
    /// <param name="bridge">The agent bridge, added as an MCP server; null for none.</param>
    /// <param name="authType">The auth type Nightshift sets; null leaves the user's own choice.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    public async Task WriteAsync(JsonObject? user, AgentBridgeEndpoint? bridge, string? authType, CancellationToken cancellationToken)
    {
        await PrivateFile.WriteAsync(SettingsPath, Settings(user, bridge, authType).ToJsonString(new() { WriteIndented = true }), cancellationToken);
        await PrivateFile.WriteAsync(PolicyPath, Policy, cancellationToken);
    }

    internal static JsonObject Settings(JsonObject? user, AgentBridgeEndpoint? bridge, string? authType)
    {
        var settings = user ?? [];
        Merge(settings, "general", new JsonObject { ["enableAutoUpdate"] = false, ["enableAutoUpdateNotification"] = false });
        Merge(settings, "privacy", new JsonObject { ["usageStatisticsEnabled"] = false });
        Merge(settings, "telemetry", new JsonObject { ["enabled"] = false });
        if (authType is not null)
        {
            Merge(settings, "security", new JsonObject { ["auth"] = new JsonObject { ["selectedType"] = authType } });
        }
        if (bridge is not null)
        {
            Merge(settings, "mcpServers", new JsonObject
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
            });
            KeepBridgeAllowed(settings);
        }
        return settings;
    }

    /// <summary>
    /// The auth type a run must have: for an isolated run always one (with GOOGLE_GEMINI_BASE_URL
    /// set and no type chosen, this version picks a "gateway" type that its headless mode then
    /// refuses; the API key type honours the base URL too); on the user's configuration only when
    /// Nightshift's own variables bring a key, a gateway or Vertex, so the user's login stays otherwise.
    /// </summary>
    public static string? AuthType(IReadOnlyDictionary<string, string> runVariables, bool isolated, Func<string, string?> environment)
    {
        string? Value(string key) => runVariables.TryGetValue(key, out var value) ? value : isolated ? environment(key) : null;
        if (Value("GOOGLE_GENAI_USE_VERTEXAI") is "true")
        {
            return "vertex-ai";
        }
        return isolated || ApiKeyVariables.Any(k => Value(k) is { Length: > 0 }) ? "gemini-api-key" : null;
    }

    private static readonly string[] ApiKeyVariables = ["GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GEMINI_BASE_URL"];

    /// <summary>Nightshift's values over the user's, object by object; anything else of the user's stays.</summary>
    private static void Merge(JsonObject target, string name, JsonObject over)
    {
        if (target[name] is not JsonObject into)
        {
            target[name] = over;
            return;
        }
        foreach (var (key, value) in over.ToList())
        {
            over.Remove(key);
            if (value is JsonObject child && into[key] is JsonObject)
            {
                Merge(into, key, child);
            }
            else
            {
                into[key] = value;
            }
        }
    }

    /// <summary>A user's allow list of MCP servers, or their exclude list, must not drop the bridge.</summary>
    private static void KeepBridgeAllowed(JsonObject settings)
    {
        if (settings["mcp"] is not JsonObject mcp)
        {
            return;
        }
        if (mcp["allowed"] is JsonArray allowed && !allowed.Any(n => n?.GetValueKind() == System.Text.Json.JsonValueKind.String && n.GetValue<string>() == AgentBridgeEndpoint.ServerName))
        {
            allowed.Add(AgentBridgeEndpoint.ServerName);
        }
        if (mcp["excluded"] is JsonArray excluded)
        {
            foreach (var entry in excluded.Where(n => n?.GetValueKind() == System.Text.Json.JsonValueKind.String && n.GetValue<string>() == AgentBridgeEndpoint.ServerName).ToList())
            {
                excluded.Remove(entry);
            }
        }
    }

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
