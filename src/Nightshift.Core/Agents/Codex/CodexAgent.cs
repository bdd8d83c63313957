using System.Diagnostics;
using Nightshift.Core.Processes;

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

    public string Name => RuntimeName;

    public string StateRoot => options.StateRoot;

    public AgentCapabilities Capabilities { get; } = new(SteerMidTurn: true, Resume: true, PlanMode: true, ReportsUsage: true);

    public async Task<AgentOutcome> RunAsync(AgentRunRequest request, Func<AgentEvent, ValueTask> emit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(emit);
        if (options.ExecutablePath is null || !File.Exists(options.ExecutablePath))
        {
            return CliAgent.NotInstalled("codex", "codex", CodexOptions.PathVariable, InstallHint);
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return AgentOutcome.Stopped("stopped before start");
        }
        using var process = await AgentProcess.StartAsync(StartInfo(request), request, time);
        var session = new CodexSession(process, request, new CodexThreadSettings(request.Model ?? options.Model, request.PlanOnly ? "read-only" : options.SandboxMode), emit, time);
        return await session.RunAsync(cancellationToken);
    }

    private ProcessStartInfo StartInfo(AgentRunRequest request)
    {
        var psi = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = request.WorktreePath,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(options.ExecutablePath!);
        foreach (var argument in CodexArguments.Build(options, request))
        {
            psi.ArgumentList.Add(argument);
        }
        UntrustedEnvironment.ApplyTo(psi.Environment, Environment(request));
        return psi;
    }

    /// <summary>
    /// The options' and the request's variables, then what keeps the CLI to itself: a CODEX_HOME
    /// and HOME per task that are not the user's (kept between runs: resume reads the thread's
    /// rollout from CODEX_HOME), and the bridge's token under the name the config refers to.
    /// </summary>
    internal Dictionary<string, string> Environment(AgentRunRequest request)
    {
        var state = CliAgent.TaskState(options.StateRoot, request.TaskId);
        var codexHome = Path.Combine(state, "codex-home");
        var home = Path.Combine(state, "home");
        Directory.CreateDirectory(codexHome);
        Directory.CreateDirectory(home);
        var variables = request.Variables(options.Environment);
        variables["CODEX_HOME"] = codexHome;
        variables["HOME"] = home;
        if (request.Bridge is { } bridge)
        {
            variables[CodexArguments.BridgeTokenVariable] = bridge.Token;
        }
        return variables;
    }
}
