using Nightshift.Core.Specs;

namespace Nightshift.Core.Agents;

/// <summary>What a runtime needs to start or resume one session.</summary>
public sealed record AgentRunRequest
{
    public required long TaskId { get; init; }
    public required long RunId { get; init; }
    public required int Attempt { get; init; }

    /// <summary>The task's worktree: the agent's working directory and the only tree it should change.</summary>
    public required string WorktreePath { get; init; }

    /// <summary>The instruction: the spec's body, followed by any feedback that is due.</summary>
    public required string Prompt { get; init; }

    /// <summary>A file outside the worktree holding the full spec (front matter and body).</summary>
    public required string SpecFilePath { get; init; }

    /// <summary>The command line, for the command runtime.</summary>
    public string? Command { get; init; }
    public string? Model { get; init; }

    /// <summary>The session to continue, when the runtime supports resume.</summary>
    public string? ResumeSessionId { get; init; }

    /// <summary>How long TERM waits before KILL when the run is stopped.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Feedback, questions and decisions: the developer's side of the session.</summary>
    public required IAgentFeedback Feedback { get; init; }

    /// <summary>The run's MCP endpoint and token (report progress, ask, feedback, decisions, plan); null when none is served.</summary>
    public AgentBridgeEndpoint? Bridge { get; init; }

    /// <summary>
    /// The run only plans (the spec asks for a plan gate and no plan is approved yet): the runtime
    /// keeps the agent from changing files where its CLI has a read-only or plan mode, and the
    /// prompt asks for the plan as the agent's last message.
    /// </summary>
    public bool PlanOnly { get; init; }

    /// <summary>
    /// Whose configuration the CLI runs with: the user's own login, settings, MCP servers and
    /// global instructions (the default), or a clean CLI whose HOME and config folder are the task's own.
    /// </summary>
    public AgentConfigMode AgentConfig { get; init; } = AgentConfigMode.User;

    /// <summary>True when the CLI gets a HOME and config folder of the task's own instead of the user's.</summary>
    public bool Isolated => AgentConfig == AgentConfigMode.Isolated;

    /// <summary>
    /// Called with the pid of each agent process the runtime starts (the leader of its own process
    /// group, through <c>setsid</c>), once it runs and before the runtime talks to it; a runtime
    /// that starts a process per turn calls it per turn. The engine records the process so that,
    /// should this node die, the node that reaps the run can stop it. When it throws, the runtime
    /// stops the process it just started and lets the exception through.
    /// </summary>
    public Func<int, ValueTask>? ProcessStarted { get; init; }

    /// <summary>Extra environment variables for the agent's process.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The variables every runtime gives its agent: <paramref name="configured"/> (the runtime's
    /// options), then the request's, then the run's own (spec file, task, run, attempt). The
    /// server's environment underneath is filtered in one place, <see cref="Processes.UntrustedEnvironment"/>.
    /// </summary>
    public Dictionary<string, string> Variables(IReadOnlyDictionary<string, string>? configured = null)
    {
        var variables = new Dictionary<string, string>(configured ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in Environment)
        {
            variables[key] = value;
        }
        variables["NIGHTSHIFT_SPEC_FILE"] = SpecFilePath;
        variables["NIGHTSHIFT_TASK_ID"] = TaskId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        variables["NIGHTSHIFT_RUN_ID"] = RunId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        variables["NIGHTSHIFT_ATTEMPT"] = Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return variables;
    }
}
