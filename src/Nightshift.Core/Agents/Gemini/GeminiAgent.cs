using Nightshift.Core.Agents.Cli;
using Nightshift.Core.Processes;
using Nightshift.Core.Specs;

namespace Nightshift.Core.Agents.Gemini;

/// <summary>
/// Runs the real Gemini CLI (<c>agent: gemini</c>) headless in the task's worktree: one
/// <c>gemini</c> process per turn, the prompt on stdin, stream-json output. Follow-up turns and
/// runs resume the CLI's session by id. Gemini CLI reads nothing while it works, so steering waits
/// for the end of the turn (see <see cref="TurnByTurnSession"/>).
/// </summary>
/// <remarks>
/// Whose configuration: always a clean CLI, a HOME of the task's own (as <c>agent_config: isolated</c>),
/// for now. Nightshift's settings (the bridge as an MCP server, no updates or usage statistics, the
/// auth type a gateway needs) must win over the user's settings.json, and the one layer Gemini CLI
/// (0.61) merges over the user's, the system settings file (GEMINI_CLI_SYSTEM_SETTINGS_PATH), is
/// skipped unless the file and every folder above it are owned by root and writable by nobody
/// else: for a server run by an ordinary user the bridge would be lost without a word. Running on
/// the user's own login wants a Gemini home of the task's own that links the user's login files
/// and merges their settings.json, not done yet.
/// </remarks>
public sealed class GeminiAgent(GeminiOptions options, ProcessRunner processes) : IAgentRuntime
{
    public const string RuntimeName = "gemini";

    public const string InstallHint = "npm install -g @google/gemini-cli@0.61.0";

    public static CliTool Tool { get; } = new(RuntimeName, "gemini", GeminiOptions.PathVariable, InstallHint)
    {
        Minimum = new Version(MinimumVersion),
    };

    /// <summary>The oldest version this runtime drives (the older version CI runs it on); older ones are refused when a task is added.</summary>
    public const string MinimumVersion = "0.55.1";

    public string Name => RuntimeName;

    public string StateRoot => options.StateRoot;

    public CliInstall Cli => new(Tool, options.ExecutablePath);

    public AgentCapabilities Capabilities { get; } = new(SteerMidTurn: false, Resume: true, PlanMode: true, ReportsUsage: true);

    public async Task<AgentOutcome> RunAsync(AgentRunRequest request, Func<AgentEvent, ValueTask> emit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(emit);
        // Isolated whatever the spec says: see the remarks above.
        request = request with { AgentConfig = AgentConfigMode.Isolated };
        if (CliLaunch.Open(options, request, () => Environment(request)) is not { } launch)
        {
            return Tool.NotInstalled();
        }
        if (await Tool.RefusalAsync(launch.Executable, cancellationToken) is { } tooOld)
        {
            return AgentOutcome.Failure(tooOld);
        }
        var settings = new GeminiSettings(CliLaunch.State(options, request), CliLaunch.IsolatedHome(options, request));
        await settings.WriteAsync(request.Bridge, launch.Environment, cancellationToken);
        var session = new TurnByTurnSession(processes, request, emit, "gemini");
        return await session.RunAsync(
            // The prompt goes on stdin, not --prompt: a prompt is as long as a spec (one argument may
            // not pass 128 KiB) and may start with a dash. With stdin not a terminal and no --prompt,
            // the CLI runs headless on what stdin holds.
            (prompt, sessionId, _) => Task.FromResult<(ShellCommand, ITurnOutput)>((
                launch.Turn(Arguments(request, sessionId, settings.PolicyPath), standardInput: prompt),
                new GeminiStreamOutput())),
            resumes: true,
            cancellationToken);
    }

    internal static List<string> Arguments(AgentRunRequest request, string? sessionId, string policyPath)
    {
        List<string> arguments =
        [
            "--output-format", "stream-json",
            // Unattended, but not unchecked. auto_edit approves the edit tools (write_file, replace)
            // inside the workspace; headless, a tool that would still ask is not offered to the
            // model at all, so a run never hangs on a prompt. The shell is allowed by the run's own
            // policy file, because tasks must build and test (the shell runs as Nightshift's own
            // user, which is the real boundary). yolo would approve every tool, including web
            // fetches and any MCP server's tools, without a rule saying so.
            // A planning run uses Gemini's own read-only plan mode, without the policy that allows the shell.
            "--approval-mode", request.PlanOnly ? "plan" : "auto_edit",
            // The worktree is Nightshift's own: trusting it is what lets auto_edit apply headless.
            "--skip-trust",
        ];
        if (!request.PlanOnly)
        {
            arguments.AddRange(["--policy", policyPath]);
        }
        if (!string.IsNullOrWhiteSpace(request.Model))
        {
            arguments.AddRange(["--model", request.Model]);
        }
        if (!string.IsNullOrWhiteSpace(sessionId))
        {
            arguments.AddRange(["--resume", sessionId]);
        }
        return arguments;
    }

    /// <summary>
    /// The agent environment (<see cref="CliLaunch.AgentEnvironment"/> of an isolated run), then
    /// what keeps the CLI to itself: its own home in the task's HOME, and no telemetry.
    /// </summary>
    internal Dictionary<string, string> Environment(AgentRunRequest request)
    {
        var variables = CliLaunch.AgentEnvironment(options, request with { AgentConfig = AgentConfigMode.Isolated });
        variables[GeminiOptions.GeminiHomeVariable] = variables["HOME"];
        variables["GEMINI_TELEMETRY_ENABLED"] = "false";
        return variables;
    }
}
