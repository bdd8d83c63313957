using System.Globalization;
using Nightshift.Core.Agents.Cli;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.Aider;

/// <summary>
/// Runs Aider (<c>agent: aider</c>) in the task's worktree, one <c>aider --message-file</c> process
/// per turn. Aider reads nothing while it works and keeps no session a later process can continue,
/// so it declares neither mid-turn steering nor resume: steering waits for the end of the turn, and
/// every turn and every follow-up run hears the whole task again with the feedback after it.
/// </summary>
/// <remarks>
/// Whose configuration: by default the user's own HOME, so the user's <c>~/.aider.conf.yml</c> and
/// <c>~/.env</c> (model, keys) apply as in the user's terminal; Nightshift's flags win over them,
/// since aider ranks its command line over its config files. Aider keeps keys, not a login it
/// refreshes, so there is nothing to write back. Its histories go to the task's state folder by
/// flag, never the user's. An isolated run (<c>agent_config: isolated</c>) has a HOME of its own in
/// the task's state folder, so only variables reach it.
/// </remarks>
public sealed class AiderAgent(AiderOptions options, ProcessRunner processes) : IAgentRuntime, ISignInReport
{
    public const string RuntimeName = "aider";

    public const string InstallHint = "python -m pip install aider-install && aider-install (or: pipx install aider-chat)";

    public static CliTool Tool { get; } = new(RuntimeName, "aider", AiderOptions.PathVariable, InstallHint);

    public string Name => RuntimeName;

    public string StateRoot => options.StateRoot;

    public string SignIn() => AiderSignIn.Describe(options, SignInFiles.Variables(options));

    public CliInstall Cli => new(Tool, options.ExecutablePath);

    public AgentCapabilities Capabilities { get; } = new(SteerMidTurn: false, Resume: false, PlanMode: true, ReportsUsage: true);

    public async Task<AgentOutcome> RunAsync(AgentRunRequest request, Func<AgentEvent, ValueTask> emit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(emit);
        if (CliLaunch.Open(options, request, () => Environment(request)) is not { } launch)
        {
            return Tool.NotInstalled();
        }
        var state = CliLaunch.State(options, request);
        var session = new TurnByTurnSession(processes, request, emit, "aider");
        var turn = 0;
        return await session.RunAsync(
            async (prompt, _, token) =>
            {
                // A file, not --message: a prompt is as long as a spec, and a command line is visible to every user.
                var messageFile = Path.Combine(state, $"run-{request.RunId.ToString(CultureInfo.InvariantCulture)}-turn-{++turn}.md");
                await PrivateFile.WriteAsync(messageFile, prompt, token);
                return (launch.Turn(Arguments(request, messageFile, state)), new AiderOutput());
            },
            resumes: false,
            cancellationToken);
    }

    internal List<string> Arguments(AgentRunRequest request, string messageFile, string state)
    {
        List<string> arguments =
        [
            "--message-file", messageFile,
            // A planning run asks in aider's ask mode, which answers and edits nothing.
            "--chat-mode", request.PlanOnly ? "ask" : "code",
            // Unattended: every confirmation (add a file, create one) is answered yes.
            "--yes-always",
            // The engine commits the agent's work, with a git directory the agent cannot touch; aider
            // must neither commit nor add its files to .gitignore.
            "--no-auto-commits",
            "--no-dirty-commits",
            "--no-gitignore",
            // Plain lines that can be read one at a time.
            "--no-pretty",
            "--no-stream",
            "--no-fancy-input",
            "--no-check-update",
            "--no-show-release-notes",
            "--analytics-disable",
            // Aider's histories live with the task's state, not in the worktree where they would be committed.
            "--chat-history-file", Path.Combine(state, "chat-history.md"),
            "--input-history-file", Path.Combine(state, "input-history"),
            "--no-restore-chat-history",
        ];
        if (options.BaseUrl is { } baseUrl)
        {
            arguments.AddRange(["--openai-api-base", baseUrl.ToString().TrimEnd('/')]);
        }
        if (Model(request.Model) is { } model)
        {
            arguments.AddRange(["--model", model]);
        }
        return arguments;
    }

    /// <summary>A bare model name on a configured endpoint is an OpenAI-compatible model there; a name with a provider passes as given.</summary>
    internal string? Model(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return null;
        }
        return options.BaseUrl is not null && !requested.Contains('/', StringComparison.Ordinal) ? "openai/" + requested : requested;
    }

    /// <summary>The agent environment (<see cref="CliLaunch.AgentEnvironment"/>: the user's HOME with its aider config and keys files, or one per task when isolated), and a key a local endpoint needs.</summary>
    internal Dictionary<string, string> Environment(AgentRunRequest request)
    {
        var variables = CliLaunch.AgentEnvironment(options, request);
        if (options.BaseUrl is not null && !variables.ContainsKey("OPENAI_API_KEY") && System.Environment.GetEnvironmentVariable("OPENAI_API_KEY") is null)
        {
            // Local endpoints take any key, and the OpenAI client wants one.
            variables["OPENAI_API_KEY"] = "none";
        }
        return variables;
    }
}
