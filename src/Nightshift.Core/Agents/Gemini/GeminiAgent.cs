using System.Text.Json.Nodes;
using Nightshift.Core.Agents.Cli;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.Gemini;

/// <summary>
/// Runs the real Gemini CLI (<c>agent: gemini</c>) headless in the task's worktree: one
/// <c>gemini</c> process per turn, the prompt on stdin, stream-json output. Follow-up turns and
/// runs resume the CLI's session by id. Gemini CLI reads nothing while it works, so steering waits
/// for the end of the turn (see <see cref="TurnByTurnSession"/>).
/// </summary>
/// <remarks>
/// Whose configuration: by default the user's own login, settings and instructions, through a Gemini
/// home of the task's own (GEMINI_CLI_HOME, see <see cref="GeminiUserHome"/>) whose <c>.gemini</c>
/// links the user's login files and GEMINI.md and holds the user's settings.json with Nightshift's
/// merged over it; HOME stays the user's. Not the user's own <c>~/.gemini</c> with Nightshift's
/// settings in a layer above it: the one layer Gemini CLI (0.61) ranks over the user's, the system
/// settings file (GEMINI_CLI_SYSTEM_SETTINGS_PATH), is skipped unless the file and every folder
/// above it are owned by root and writable by nobody else, so for a server run by an ordinary user
/// the bridge would be lost without a word. A home of the task's own also keeps the task's
/// sessions out of the user's history. <c>agent_config: isolated</c> gives a clean CLI: its home is
/// the task's HOME, with nothing of the user's in it.
/// </remarks>
public sealed class GeminiAgent(GeminiOptions options, ProcessRunner processes) : IAgentRuntime, ISignInReport
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

    public string SignIn() => GeminiSignIn.Describe(options, SignInFiles.Variables(options));

    public async Task<AgentOutcome> RunAsync(AgentRunRequest request, Func<AgentEvent, ValueTask> emit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(emit);
        if (CliLaunch.Open(options, request, () => Environment(request)) is not { } launch)
        {
            return Tool.NotInstalled();
        }
        if (await Tool.RefusalAsync(launch.Executable, cancellationToken) is { } tooOld)
        {
            return AgentOutcome.Failure(tooOld);
        }
        var home = GeminiHome(request);
        JsonObject? user;
        try
        {
            user = request.Isolated ? null : GeminiUserHome.Prepare(options, home);
        }
        catch (InvalidDataException ex)
        {
            return AgentOutcome.Failure(ex.Message);
        }
        var settings = new GeminiSettings(CliLaunch.State(options, request), home);
        var authType = GeminiSettings.AuthType(request.Variables(options.Environment), request.Isolated, System.Environment.GetEnvironmentVariable);
        await settings.WriteAsync(user, request.Bridge, authType, cancellationToken);
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
    /// The agent environment (<see cref="CliLaunch.AgentEnvironment"/>: HOME the user's own, or the
    /// task's when isolated), then the CLI's home of the task's own and no telemetry.
    /// </summary>
    internal Dictionary<string, string> Environment(AgentRunRequest request)
    {
        var variables = CliLaunch.AgentEnvironment(options, request);
        var home = GeminiHome(request);
        Directory.CreateDirectory(home);
        variables[GeminiOptions.GeminiHomeVariable] = home;
        variables["GEMINI_TELEMETRY_ENABLED"] = "false";
        return variables;
    }

    /// <summary>The task's Gemini home: its HOME when isolated, otherwise a folder of its own beside it (see the remarks).</summary>
    private string GeminiHome(AgentRunRequest request) =>
        request.Isolated ? CliLaunch.IsolatedHome(options, request) : Path.Combine(CliLaunch.State(options, request), "gemini-home");
}
