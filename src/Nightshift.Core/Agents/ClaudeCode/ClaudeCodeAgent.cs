using System.Globalization;
using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.ClaudeCode;

/// <summary>
/// Runs the real Claude Code CLI (<c>agent: claude-code</c>) headless in the task's worktree,
/// speaking stream-json both ways so steering reaches the session while it works.
/// </summary>
public sealed class ClaudeCodeAgent(ClaudeCodeOptions options, TimeProvider time) : IAgentRuntime
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
            // Only the bridge: --strict-mcp-config keeps out any MCP server found elsewhere
            // (a project's .mcp.json in the worktree), and its tools are pre-allowed by prefix.
            arguments.AddRange(["--mcp-config", ClaudeCodeMcpConfig.Write(StateFolder(request), bridge), "--strict-mcp-config"]);
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

    /// <summary>The task's own folder outside the worktree: HOME, config and the MCP configuration.</summary>
    private string StateFolder(AgentRunRequest request) =>
        CliLaunch.State(options, request);

    /// <summary>
    /// The agent environment (<see cref="CliLaunch.AgentEnvironment"/>: the model endpoint and key come
    /// from the options, the request or Nightshift's own environment), then what keeps the CLI to
    /// itself: a config folder per task that is not the user's, and no update checks, telemetry or
    /// error reports.
    /// </summary>
    internal Dictionary<string, string> Environment(AgentRunRequest request)
    {
        var config = Path.Combine(StateFolder(request), "config");
        var variables = CliLaunch.AgentEnvironment(options, request);
        Directory.CreateDirectory(config);
        if (request.Bridge is not null)
        {
            // The bridge holds ask_question for up to AgentBridgeEndpoint.LongestCall; the CLI must wait longer than that.
            variables["MCP_TOOL_TIMEOUT"] = ((long)AgentBridgeEndpoint.ToolCallTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }
        return new Dictionary<string, string>(variables, StringComparer.Ordinal)
        {
            ["CLAUDE_CONFIG_DIR"] = config,
            ["DISABLE_AUTOUPDATER"] = "1",
            ["DISABLE_TELEMETRY"] = "1",
            ["DISABLE_ERROR_REPORTING"] = "1",
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
        };
    }
}
