using System.Globalization;
using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.ClaudeCode;

/// <summary>
/// Runs the real Claude Code CLI (<c>agent: claude-code</c>) headless in the task's worktree,
/// speaking stream-json both ways so steering reaches the session while it works.
/// </summary>
/// <remarks>
/// Whose login: by default the user's own configuration folder (HOME, and CLAUDE_CONFIG_DIR only
/// when the user has one), never a copy or a link. Claude Code (2.1.x) opens
/// <c>.credentials.json</c> refusing a symlink, and its OAuth refresh takes a lock on the folder and
/// reads the file again before it refreshes, so instances sharing ONE folder coordinate: a rotated
/// refresh token is written back to the one credential the user's terminal uses too, where a
/// per-task copy would leave the user's stale and log them out. Nightshift's own settings go in
/// as flags, which win over the user's settings.json: the permission mode, the allowed tools, and
/// the bridge by <c>--mcp-config</c> next to the user's own MCP servers (no
/// <c>--strict-mcp-config</c>). The user's CLAUDE.md applies. Sessions land in
/// <c>&lt;config&gt;/projects/&lt;worktree path&gt;/</c>: one folder per task, since each task has its own
/// worktree, and out of the user's own project's <c>--resume</c> list. An isolated run
/// (<c>agent_config: isolated</c>) keeps HOME and the config folder in the task's state, with only
/// the bridge as MCP server and keys from variables.
/// </remarks>
public sealed class ClaudeCodeAgent(ClaudeCodeOptions options, TimeProvider time) : IAgentRuntime, ISignInReport
{
    public const string RuntimeName = "claude-code";

    public const string InstallHint = "npm install -g @anthropic-ai/claude-code@2.1.328";

    public static CliTool Tool { get; } = new(RuntimeName, "claude", ClaudeCodeOptions.PathVariable, InstallHint)
    {
        Minimum = new Version(MinimumVersion),
    };

    /// <summary>The oldest version this runtime drives (the older version CI runs it on); older ones are refused when a task is added.</summary>
    public const string MinimumVersion = "2.1.197";

    public string Name => RuntimeName;

    public string StateRoot => options.StateRoot;

    public string SignIn() => ClaudeCodeSignIn.Describe(options, SignInFiles.Variables(options));

    public CliInstall Cli => new(Tool, options.ExecutablePath);

    public AgentCapabilities Capabilities { get; } = new(SteerMidTurn: true, Resume: true, PlanMode: true, ReportsUsage: true);

    public async Task<AgentOutcome> RunAsync(AgentRunRequest request, Func<AgentEvent, ValueTask> emit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(emit);
        if (CliLaunch.Open(options, request, () => Environment(request)) is not { } launch)
        {
            return Tool.NotInstalled();
        }
        var facts = await CliProbe.ReadAsync(launch.Executable, cancellationToken);
        if (Tool.Refusal(launch.Executable, facts) is { } tooOld)
        {
            return AgentOutcome.Failure(tooOld);
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return AgentOutcome.Stopped("stopped before start");
        }
        using var process = await launch.StartAsync(Arguments(request, facts), time);
        var session = new ClaudeCodeSession(process, request, emit, time);
        return await session.RunAsync(cancellationToken);
    }

    /// <summary>The command line for this request on a CLI with <paramref name="facts"/>: a flag its version lacks is left out, not refused by the CLI.</summary>
    internal List<string> Arguments(AgentRunRequest request, CliFacts facts)
    {
        // A planning run reads and searches only: plan mode refuses edits, and with no shell and
        // no ExitPlanMode the plan ends the turn as the last message instead of leaving plan mode.
        var tools = request.PlanOnly ? "Read,Glob,Grep,TodoWrite" : "Bash,Edit,Write,Read,Glob,Grep,NotebookEdit,TodoWrite";
        List<string> arguments =
        [
            "--print",
            "--output-format", "stream-json",
            "--verbose",
            "--input-format", "stream-json",
            // Unattended, but not unchecked. bypassPermissions is refused when running as root (as
            // CI and containers often do) and would let edits land outside the worktree.
            // acceptEdits approves file edits inside the working directory (the worktree); Bash
            // and the read/search tools are pre-allowed because tasks must build and test (Bash
            // runs as Nightshift's own user, which is the real boundary); anything else that would
            // ask is refused at once, so a run never hangs on a prompt (see below).
            "--permission-mode", request.PlanOnly ? "plan" : "acceptEdits",
        ];
        if (facts.Has("--permission-prompts"))
        {
            // Versions that can hand prompts to the host refuse them only when told to. Older ones
            // (2.1.197 among them) have no host to hand them to: with --print they deny at once by themselves.
            arguments.AddRange(["--permission-prompts", "none"]);
        }
        if (request.PlanOnly)
        {
            arguments.AddRange(["--disallowedTools", "Bash,Edit,Write,NotebookEdit,ExitPlanMode"]);
        }
        if (request.Bridge is { } bridge)
        {
            // The bridge's tools are pre-allowed by prefix. On the user's configuration the user's
            // own MCP servers load beside it; an isolated run has only the bridge: --strict-mcp-config
            // keeps out any MCP server found elsewhere (a project's .mcp.json in the worktree).
            arguments.AddRange(["--mcp-config", ClaudeCodeMcpConfig.Write(StateFolder(request), bridge)]);
            if (request.Isolated)
            {
                arguments.Add("--strict-mcp-config");
            }
            tools += $",mcp__{AgentBridgeEndpoint.ServerName}__*";
        }
        arguments.AddRange(["--allowedTools", tools]);
        if (!string.IsNullOrWhiteSpace(request.Model))
        {
            arguments.AddRange(["--model", request.Model]);
        }
        if (!string.IsNullOrWhiteSpace(request.ResumeSessionId))
        {
            arguments.AddRange(["--resume", request.ResumeSessionId]);
        }
        return arguments;
    }

    /// <summary>The task's own folder outside the worktree: the MCP configuration, and HOME and config when isolated.</summary>
    private string StateFolder(AgentRunRequest request) =>
        CliLaunch.State(options, request);

    /// <summary>
    /// The agent environment (<see cref="CliLaunch.AgentEnvironment"/>: HOME, and a model endpoint
    /// or key from the options, the request or Nightshift's own environment, such as
    /// CLAUDE_CODE_OAUTH_TOKEN from <c>claude setup-token</c>), then the config folder (the user's own
    /// CLAUDE_CONFIG_DIR when set, the task's when isolated), and no update checks, telemetry or error reports.
    /// </summary>
    internal Dictionary<string, string> Environment(AgentRunRequest request)
    {
        var variables = CliLaunch.AgentEnvironment(options, request);
        if (request.Isolated)
        {
            var config = Path.Combine(StateFolder(request), "config");
            Directory.CreateDirectory(config);
            variables[ClaudeCodeOptions.ConfigDirVariable] = config;
        }
        else if (options.UserConfigDirectory is { } userConfig)
        {
            // Set only when the user has one: with it set, Claude Code keeps .claude.json inside it rather than in HOME.
            variables[ClaudeCodeOptions.ConfigDirVariable] = userConfig;
        }
        if (request.Bridge is not null)
        {
            // The bridge holds ask_question for up to AgentBridgeEndpoint.LongestCall; the CLI must wait longer than that.
            variables["MCP_TOOL_TIMEOUT"] = ((long)AgentBridgeEndpoint.ToolCallTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }
        return new Dictionary<string, string>(variables, StringComparer.Ordinal)
        {
            ["DISABLE_AUTOUPDATER"] = "1",
            ["DISABLE_TELEMETRY"] = "1",
            ["DISABLE_ERROR_REPORTING"] = "1",
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
        };
    }
}
