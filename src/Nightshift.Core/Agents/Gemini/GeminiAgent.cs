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
/// Whose login: by default the user's own HOME (and GEMINI_CLI_HOME when the user has one), so
/// the CLI finds its login in <c>~/.gemini</c> (<c>oauth_creds.json</c>, or the keychain), the
/// user's settings.json, <c>.env</c>, MCP servers and GEMINI.md. A Google login's refresh writes
/// the new tokens back to that one file (the OAuth client's "tokens" event); Google does not rotate
/// the refresh token, so parallel runs refreshing on their own cannot spend it for each other or
/// the user's terminal. Nightshift's settings are the CLI's system settings, merged over the
/// user's (see <see cref="GeminiSettings"/>). Sessions are kept per project under
/// <c>~/.gemini/tmp/</c>, keyed by the worktree's path: one per task, apart from the user's own
/// projects. An isolated run (<c>agent_config: isolated</c>) has a HOME of its own in the task's state folder.
/// </remarks>
public sealed class GeminiAgent(GeminiOptions options, ProcessRunner processes) : IAgentRuntime, ISignInReport
{
    public const string RuntimeName = "gemini";

    public const string InstallHint = "npm install -g @google/gemini-cli@0.61.0";

    public static CliTool Tool { get; } = new(RuntimeName, "gemini", GeminiOptions.PathVariable, InstallHint);

    public string Name => RuntimeName;

    public string StateRoot => options.StateRoot;

    public string SignIn() => GeminiSignIn.Describe(options, SignInFiles.Variables(options));

    public AgentCapabilities Capabilities { get; } = new(SteerMidTurn: false, Resume: true, PlanMode: true, ReportsUsage: true);

    public async Task<AgentOutcome> RunAsync(AgentRunRequest request, Func<AgentEvent, ValueTask> emit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(emit);
        if (CliLaunch.Open(options, request, () => Environment(request)) is not { } launch)
        {
            return Tool.NotInstalled();
        }
        var settings = new GeminiSettings(CliLaunch.State(options, request), request.Isolated ? CliLaunch.IsolatedHome(options, request) : null);
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
    /// The agent environment (<see cref="CliLaunch.AgentEnvironment"/>), then the CLI's home (the
    /// user's GEMINI_CLI_HOME when set, the task's HOME when isolated), Nightshift's settings as the
    /// system settings when not isolated, and no telemetry.
    /// </summary>
    internal Dictionary<string, string> Environment(AgentRunRequest request)
    {
        var variables = CliLaunch.AgentEnvironment(options, request);
        if (request.Isolated)
        {
            variables[GeminiOptions.GeminiHomeVariable] = variables["HOME"];
        }
        else
        {
            if (options.UserGeminiHome is { } userGeminiHome)
            {
                variables[GeminiOptions.GeminiHomeVariable] = userGeminiHome;
            }
            variables[GeminiSettings.SystemSettingsVariable] = new GeminiSettings(CliLaunch.State(options, request), null).SettingsPath;
        }
        variables["GEMINI_TELEMETRY_ENABLED"] = "false";
        return variables;
    }
}
