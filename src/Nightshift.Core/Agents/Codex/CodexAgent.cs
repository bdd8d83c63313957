using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Codex;

/// <summary>
/// Runs the real Codex CLI (<c>agent: codex</c>) in the task's worktree through
/// <c>codex app-server</c>, its JSON-RPC protocol over stdio, rather than <c>codex exec --json</c>.
/// The reason is steering: <c>exec</c> takes its prompt once and reads nothing more, so a steer
/// could only wait for the run to end and go in with <c>exec resume</c>; the app server has
/// <c>turn/steer</c>, which adds input to the turn in progress: Codex (0.169.0) puts it in the
/// very next model request, after the turn's tool results (it may drop a reply still in flight and
/// ask again at once), without ending the turn. Threads persist under
/// CODEX_HOME, so <c>thread/resume</c> continues a session in a later run, as <c>exec resume</c> would.
/// </summary>
/// <remarks>
/// Whose login: by default the user's own CODEX_HOME (<c>~/.codex</c>, or CODEX_HOME when the user
/// has one), never a copy. Codex keeps its login in ONE place, <c>auth.json</c> there (or the
/// keyring), and a ChatGPT login's refresh rotates the refresh token: Codex (0.169) commits a
/// refresh under <c>auth.lock</c> and reads the stored credentials again first ("Credentials
/// changed before refresh commit"), so instances sharing the folder adopt each other's rotated
/// token, where a per-task copy would spend the user's refresh token and log their terminal out.
/// Nightshift's settings are <c>-c</c> overrides (see <see cref="CodexArguments"/>), which win over
/// the user's config.toml while its provider, model, MCP servers and AGENTS.md still apply. Each
/// thread gets its own rollout file, so tasks never share one, but they land in the user's
/// <c>sessions/</c> (Codex has no separate knob for them): <c>codex resume</c> lists them by
/// working directory, i.e. under the task's worktree, not the user's own project. An isolated run
/// (<c>agent_config: isolated</c>) has a CODEX_HOME of its own in the task's state folder.
/// </remarks>
public sealed class CodexAgent(CodexOptions options, TimeProvider time) : IAgentRuntime, ISignInReport
{
    public const string RuntimeName = "codex";

    public const string InstallHint = "npm install -g @openai/codex@0.169.0";

    public static CliTool Tool { get; } = new(RuntimeName, "codex", CodexOptions.PathVariable, InstallHint)
    {
        Minimum = new Version(MinimumVersion),
    };

    /// <summary>The oldest version this runtime drives (the older version CI runs it on); older ones are refused when a task is added.</summary>
    public const string MinimumVersion = "0.160.0";

    public string Name => RuntimeName;

    public string StateRoot => options.StateRoot;

    public string SignIn() => CodexSignIn.Describe(options, SignInFiles.Variables(options));

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
        if (await Tool.RefusalAsync(launch.Executable, cancellationToken) is { } tooOld)
        {
            return AgentOutcome.Failure(tooOld);
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return AgentOutcome.Stopped("stopped before start");
        }
        using var process = await launch.StartAsync(CodexArguments.Build(options, request), time);
        var session = new CodexSession(process, request, new CodexThreadSettings(request.Model ?? options.Model, request.PlanOnly ? "read-only" : options.SandboxMode), emit, time);
        return await session.RunAsync(cancellationToken);
    }

    /// <summary>
    /// The agent environment (<see cref="CliLaunch.AgentEnvironment"/>), then CODEX_HOME: the
    /// user's own when the user set one, a folder per task when isolated (kept between runs: resume
    /// reads the thread's rollout from it); and the bridge's token under the name the config refers to.
    /// </summary>
    internal Dictionary<string, string> Environment(AgentRunRequest request)
    {
        var variables = CliLaunch.AgentEnvironment(options, request);
        if (request.Isolated)
        {
            var codexHome = Path.Combine(CliLaunch.State(options, request), "codex-home");
            Directory.CreateDirectory(codexHome);
            variables[CodexOptions.CodexHomeVariable] = codexHome;
        }
        else if (options.UserCodexHome is { } userCodexHome)
        {
            variables[CodexOptions.CodexHomeVariable] = userCodexHome;
        }
        if (request.Bridge is { } bridge)
        {
            variables[CodexArguments.BridgeTokenVariable] = bridge.Token;
        }
        return variables;
    }
}
