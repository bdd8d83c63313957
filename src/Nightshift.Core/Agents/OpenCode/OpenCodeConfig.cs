using System.Text.Json.Nodes;

namespace Nightshift.Core.Agents.OpenCode;

/// <summary>
/// Nightshift's opencode configuration, in two parts. The settings (the OpenAI-compatible provider
/// when a gateway is set, what may run without asking, no sharing, updates or snapshots) go in
/// OPENCODE_CONFIG_CONTENT, which opencode merges over every other source but an administrator's
/// managed config: the user's global config, OPENCODE_CONFIG and the repository's own opencode.json
/// alike. The agent bridge, whose token must not sit in a variable every command inherits, goes in
/// the OPENCODE_CONFIG file, written 0600 in the task's state folder.
/// </summary>
internal static class OpenCodeConfig
{
    /// <summary>The OPENCODE_CONFIG file: the bridge as a remote MCP server (its token lives only here).</summary>
    public static JsonObject Bridge(AgentBridgeEndpoint? bridge)
    {
        var config = new JsonObject { ["$schema"] = "https://opencode.ai/config.json" };
        if (bridge is not null)
        {
            config["mcp"] = new JsonObject
            {
                [AgentBridgeEndpoint.ServerName] = new JsonObject
                {
                    ["type"] = "remote",
                    ["url"] = bridge.Url.ToString(),
                    ["headers"] = new JsonObject { ["Authorization"] = $"Bearer {bridge.Token}" },
                    ["oauth"] = false,
                    ["enabled"] = true,
                    // opencode waits for an MCP tool call as long as this (else the MCP SDK's 60 s) and
                    // ask_question is held until the developer answers: wait longer than the bridge holds.
                    // It bounds listing the tools at the start as well, which the bridge answers at once.
                    ["timeout"] = (long)AgentBridgeEndpoint.ToolCallTimeout.TotalMilliseconds,
                },
            };
        }
        return config;
    }

    /// <summary>The OPENCODE_CONFIG_CONTENT of a run: no secret in it, since every command the agent runs inherits it.</summary>
    public static JsonObject Settings(OpenCodeOptions options, string? model)
    {
        var config = new JsonObject
        {
            ["$schema"] = "https://opencode.ai/config.json",
            ["autoupdate"] = false,
            ["share"] = "disabled",
            // opencode's own undo snapshots keep a second git store of the worktree; the engine's
            // checkpoints already do that job.
            ["snapshot"] = false,
            // Unattended, but not unchecked: edits and the shell are allowed because tasks must
            // change code, build and test (the shell runs as Nightshift's own user, which is the
            // real boundary); web fetches are refused; anything else that would ask (a path outside
            // the worktree, say) is refused by `opencode run`, which has nobody to ask and is not
            // given --auto.
            ["permission"] = new JsonObject { ["edit"] = "allow", ["bash"] = "allow", ["webfetch"] = "deny" },
            // The plan agent (a planning run, `--agent plan`) would inherit the allows above: it
            // reads only, so edits and the shell are refused for it by name.
            ["agent"] = new JsonObject
            {
                ["plan"] = new JsonObject { ["permission"] = new JsonObject { ["edit"] = "deny", ["bash"] = "deny", ["webfetch"] = "deny" } },
            },
        };
        if (options.BaseUrl is { } baseUrl)
        {
            config["provider"] = new JsonObject
            {
                [OpenCodeOptions.ProviderId] = new JsonObject
                {
                    ["npm"] = "@ai-sdk/openai-compatible",
                    ["name"] = "Nightshift endpoint",
                    ["options"] = new JsonObject
                    {
                        ["baseURL"] = baseUrl.ToString().TrimEnd('/'),
                        ["apiKey"] = $"{{env:{OpenCodeOptions.ApiKeyVariable}}}",
                    },
                    ["models"] = new JsonObject { [model ?? options.DefaultModel] = new JsonObject { ["name"] = model ?? options.DefaultModel } },
                },
            };
        }
        return config;
    }
}
