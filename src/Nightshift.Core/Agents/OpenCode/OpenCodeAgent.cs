using System.Globalization;
using Nightshift.Core.Agents.Cli;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.OpenCode;

/// <summary>
/// Runs the real opencode CLI (<c>agent: opencode</c>) headless in the task's worktree, one
/// <c>opencode run --format json</c> process per turn with the prompt on stdin. Follow-up turns and
/// runs continue the session with <c>--session</c>. opencode reads nothing while a turn runs, so
/// steering waits for the end of the turn (see <see cref="TurnByTurnSession"/>).
/// </summary>
/// <remarks>
/// Whose login: by default the user's own HOME and XDG folders, so opencode finds its login where
/// <c>opencode auth login</c> put it (<c>auth.json</c> under XDG_DATA_HOME/opencode), the user's
/// global config, MCP servers and AGENTS.md (XDG_CONFIG_HOME/opencode). A provider's OAuth refresh
/// writes the new tokens back to that one auth.json, which the user's terminal reads too; opencode
/// (1.18) takes no lock around a refresh, so two processes refreshing one rotating token at the
/// very same moment can still race, as two of the user's own terminals would. Nightshift's settings
/// win through OPENCODE_CONFIG_CONTENT (see <see cref="OpenCodeConfig"/>). Sessions go to a
/// database per task (OPENCODE_DB in the task's state folder), so tasks never share one and stay
/// out of the user's own session list. An isolated run (<c>agent_config: isolated</c>) has HOME and
/// XDG folders of its own in the task's state folder.
/// </remarks>
public sealed class OpenCodeAgent(OpenCodeOptions options, ProcessRunner processes) : IAgentRuntime, ISignInReport
{
    public const string RuntimeName = "opencode";

    public const string InstallHint = "npm install -g opencode-ai@1.18.33";

    public static CliTool Tool { get; } = new(RuntimeName, "opencode", OpenCodeOptions.PathVariable, InstallHint)
    {
        Minimum = new Version(MinimumVersion),
    };

    /// <summary>The oldest version this runtime drives (the older version CI runs it on); older ones are refused when a task is added.</summary>
    public const string MinimumVersion = "1.18.10";

    public string Name => RuntimeName;

    public string StateRoot => options.StateRoot;

    public string SignIn() => OpenCodeSignIn.Describe(options, SignInFiles.Variables(options));

    public CliInstall Cli => new(Tool, options.ExecutablePath);

    public AgentCapabilities Capabilities { get; } = new(SteerMidTurn: false, Resume: true, PlanMode: true, ReportsUsage: true);

    public async Task<AgentOutcome> RunAsync(AgentRunRequest request, Func<AgentEvent, ValueTask> emit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(emit);
        var configPath = Path.Combine(CliLaunch.State(options, request), "opencode.json");
        var model = Model(request.Model);
        var providerModel = model is not null && model.StartsWith(OpenCodeOptions.ProviderId + "/", StringComparison.Ordinal) ? model[(OpenCodeOptions.ProviderId.Length + 1)..] : null;
        if (CliLaunch.Open(options, request, () => Environment(request, configPath, providerModel)) is not { } launch)
        {
            return Tool.NotInstalled();
        }
        if (await Tool.RefusalAsync(launch.Executable, cancellationToken) is { } tooOld)
        {
            return AgentOutcome.Failure(tooOld);
        }
        await PrivateFile.WriteAsync(configPath, OpenCodeConfig.Bridge(request.Bridge).ToJsonString(new() { WriteIndented = true }), cancellationToken);
        var session = new TurnByTurnSession(processes, request, emit, "opencode");
        return await session.RunAsync(
            // The prompt goes on stdin, not the command line: a prompt is as long as a spec, and may start with a dash.
            (prompt, sessionId, _) => Task.FromResult<(ShellCommand, ITurnOutput)>((
                launch.Turn(Arguments(request, model, sessionId), standardInput: prompt),
                new OpenCodeJsonOutput())),
            resumes: true,
            cancellationToken);
    }

    /// <summary>provider/model as opencode names it: a bare name is a model of the configured endpoint.</summary>
    internal string? Model(string? requested)
    {
        if (!string.IsNullOrWhiteSpace(requested) && requested.Contains('/', StringComparison.Ordinal))
        {
            return requested;
        }
        return options.BaseUrl is null
            ? (string.IsNullOrWhiteSpace(requested) ? null : requested)
            : $"{OpenCodeOptions.ProviderId}/{(string.IsNullOrWhiteSpace(requested) ? options.DefaultModel : requested)}";
    }

    internal static List<string> Arguments(AgentRunRequest request, string? model, string? sessionId)
    {
        List<string> arguments =
        [
            "run",
            "--format", "json",
            // A title of our own: without one, opencode first asks the model to make one up, an
            // extra request per session that carries the whole prompt.
            "--title", "Nightshift task " + request.TaskId.ToString(CultureInfo.InvariantCulture),
        ];
        if (request.PlanOnly)
        {
            // opencode's own plan agent: edits are refused, it reads and answers.
            arguments.AddRange(["--agent", "plan"]);
        }
        if (model is not null)
        {
            arguments.AddRange(["--model", model]);
        }
        if (!string.IsNullOrWhiteSpace(sessionId))
        {
            arguments.AddRange(["--session", sessionId]);
        }
        return arguments;
    }

    /// <summary>
    /// The agent environment (<see cref="CliLaunch.AgentEnvironment"/>), then the run's config,
    /// sessions in a database of the task's own, XDG folders in the task's HOME when isolated (the
    /// user's own otherwise), and nothing fetched or shared at start.
    /// </summary>
    internal Dictionary<string, string> Environment(AgentRunRequest request, string configPath, string? providerModel = null)
    {
        var variables = CliLaunch.AgentEnvironment(options, request);
        var home = variables["HOME"];
        if (options.BaseUrl is not null && !variables.ContainsKey(OpenCodeOptions.ApiKeyVariable))
        {
            // The config names the key by this variable; the server's own NIGHTSHIFT_ variables are
            // withheld from agents, so it is passed on here. Local endpoints take any key, and the provider wants one.
            variables[OpenCodeOptions.ApiKeyVariable] = System.Environment.GetEnvironmentVariable(OpenCodeOptions.ApiKeyVariable) ?? "none";
        }
        // Isolated: the XDG folders in the task's HOME. Otherwise the user's own (set explicitly, so
        // a HOME given in the options wins over XDG folders of the server's); only the sessions get
        // a database of the task's own.
        foreach (var (name, relative) in OpenCodeOptions.XdgFolders)
        {
            variables[name] = request.Isolated || !options.UserXdg.TryGetValue(name, out var folder) ? Path.Combine(home, relative) : folder;
        }
        if (!request.Isolated)
        {
            variables["OPENCODE_DB"] = Path.Combine(CliLaunch.State(options, request), "opencode.db");
        }
        variables["OPENCODE_CONFIG"] = configPath;
        variables["OPENCODE_CONFIG_CONTENT"] = OpenCodeConfig.Settings(options, providerModel).ToJsonString();
        variables["OPENCODE_DISABLE_AUTOUPDATE"] = "1";
        variables["OPENCODE_DISABLE_SHARE"] = "1";
        variables["OPENCODE_DISABLE_MODELS_FETCH"] = "1";
        variables["OPENCODE_DISABLE_LSP_DOWNLOAD"] = "1";
        return variables;
    }
}
