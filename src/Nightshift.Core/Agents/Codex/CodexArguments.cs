using System.Globalization;
using System.Text;

namespace Nightshift.Core.Agents.Codex;

/// <summary>
/// The command line of <c>codex app-server</c> for one run: every setting is a <c>-c</c> override
/// of this run only, which Codex layers over the user's config.toml (the overrides win), so
/// nothing is written to a config file that a cancelled run could leave behind or two runs could race on. Secrets are never among them: the model's API key and the
/// bridge's token are named by variable (<c>env_key</c>, <c>bearer_token_env_var</c>).
/// </summary>
internal static class CodexArguments
{
    /// <summary>The id of Nightshift's own model provider entry.</summary>
    public const string ProviderId = "nightshift";

    /// <summary>The variable that carries the bridge's bearer token to codex (and only to codex: its shell policy drops *TOKEN* variables from commands).</summary>
    public const string BridgeTokenVariable = "NIGHTSHIFT_BRIDGE_TOKEN";

    /// <summary>How long Codex may take to connect to the bridge and list its tools.</summary>
    public static readonly TimeSpan BridgeStartupTimeout = TimeSpan.FromSeconds(30);

    public static List<string> Build(CodexOptions options, AgentRunRequest request)
    {
        var arguments = new List<string> { "app-server" };
        void Set(string key, string tomlValue) => arguments.AddRange(["-c", $"{key}={tomlValue}"]);
        // Nightshift's own provider only for a gateway, or for an isolated run (which has no login
        // and no config.toml of its own). Otherwise the model and provider are the user's: the
        // provider in their config.toml, signed in by `codex login` (auth.json) or its env_key.
        if ((options.BaseUrl ?? (request.Isolated ? CodexOptions.OpenAiBaseUrl : null)) is { } baseUrl)
        {
            Set("model_provider", Toml(ProviderId));
            Set($"model_providers.{ProviderId}.name", Toml("Nightshift"));
            Set($"model_providers.{ProviderId}.base_url", Toml(baseUrl.ToString().TrimEnd('/')));
            Set($"model_providers.{ProviderId}.wire_api", Toml("responses"));
            Set($"model_providers.{ProviderId}.env_key", Toml(options.ApiKeyVariable));
        }
        // Unattended, but sandboxed: in workspace-write, commands may write only the worktree (and
        // temp folders), the git directory stays read-only to them, and nothing ever waits for an
        // approval: a command the sandbox refuses fails back to the model, which must find another way.
        // A planning run reads only: the read-only sandbox refuses every write, commands' included.
        Set("sandbox_mode", Toml(request.PlanOnly ? "read-only" : options.SandboxMode));
        Set("approval_policy", Toml("never"));
        Set("sandbox_workspace_write.network_access", options.NetworkAccess ? "true" : "false");
        // The worktree is Nightshift's own and trusted: said here, Codex has no reason to record the
        // trust in the user's config.toml, which would otherwise gain an entry for every task's worktree.
        Set("projects", $"{{ {Toml(request.WorktreePath)} = {{ trust_level = \"trusted\" }} }}");
        Set("check_for_update_on_startup", "false");
        Set("analytics.enabled", "false");
        if (request.Bridge is { } bridge)
        {
            var server = $"mcp_servers.{AgentBridgeEndpoint.ServerName}";
            Set($"{server}.url", Toml(bridge.Url.ToString()));
            Set($"{server}.bearer_token_env_var", Toml(BridgeTokenVariable));
            // The bridge is Nightshift's own server: its tools (progress, questions, decisions) run
            // without an approval, which approval policy `never` would otherwise turn into a refusal.
            Set($"{server}.default_tools_approval_mode", Toml("approve"));
            // Required: the thread opens only once the bridge's tools are listed, so the model has
            // them from its first request (Codex otherwise connects in the background and the first
            // requests may go out without them); a bridge that cannot be reached fails the run at once.
            Set($"{server}.required", "true");
            // Codex abandons a tool call after 60 s by default, and ask_question is held until the
            // developer answers (up to AgentBridgeEndpoint.LongestCall): wait longer than the bridge holds.
            Set($"{server}.tool_timeout_sec", Seconds(AgentBridgeEndpoint.ToolCallTimeout));
            // Listing the bridge's tools blocks the thread's start (required above); Codex's default
            // of 10 s is short for a machine busy with other runs, and the bridge is on this host anyway.
            Set($"{server}.startup_timeout_sec", Seconds(BridgeStartupTimeout));
        }
        return arguments;
    }

    /// <summary>Whole seconds as a TOML integer.</summary>
    private static string Seconds(TimeSpan duration) => ((long)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>A TOML basic string: quotes, backslashes and control characters escaped.</summary>
    public static string Toml(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' or '\u007f' => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }
}
