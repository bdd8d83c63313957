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
public sealed class CodexAgent(CodexOptions options, TimeProvider time) : IAgentRuntime
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
    /// The agent environment (<see cref="CliLaunch.AgentEnvironment"/>), then what keeps the CLI to
    /// itself: a CODEX_HOME per task that is not the user's (kept between runs: resume reads the
    /// thread's rollout from it), and the bridge's token under the name the config refers to.
    /// </summary>
    internal Dictionary<string, string> Environment(AgentRunRequest request)
    {
        var codexHome = Path.Combine(CliLaunch.State(options, request), "codex-home");
        Directory.CreateDirectory(codexHome);
        var variables = CliLaunch.AgentEnvironment(options, request);
        variables["CODEX_HOME"] = codexHome;
        if (request.Bridge is { } bridge)
        {
            variables[CodexArguments.BridgeTokenVariable] = bridge.Token;
        }
        return variables;
    }
}
