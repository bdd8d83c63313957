using System.Diagnostics;
using Nightshift.Core.Processes;

namespace Nightshift.Core.Agents.Cli;

/// <summary>
/// The opening every CLI runtime shares: the executable checked, the task's state folder with the
/// HOME its runs use, the one agent environment, and the process started (a CLI that streams both
/// ways) or the command of one turn (a CLI that takes one prompt per process). What stays with
/// each runtime is its own: arguments, output, configuration files and the variables its CLI reads.
/// </summary>
internal sealed class CliLaunch
{
    private CliLaunch(string executable, AgentRunRequest request, IReadOnlyDictionary<string, string> environment)
    {
        Executable = executable;
        Request = request;
        Environment = environment;
    }

    public string Executable { get; }

    public AgentRunRequest Request { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The executable when it is installed; null when a run must fail with <see cref="CliTool.NotInstalled"/>.</summary>
    public static CliLaunch? Open(ICliAgentOptions options, AgentRunRequest request, Func<IReadOnlyDictionary<string, string>> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(environment);
        return options.ExecutablePath is { } path && File.Exists(path) ? new CliLaunch(path, request, environment()) : null;
    }

    /// <summary>The task's own folder under the runtime's state root (see <see cref="CliAgent.TaskState"/>).</summary>
    public static string State(ICliAgentOptions options, AgentRunRequest request) =>
        CliAgent.TaskState(options.StateRoot, request.TaskId);

    /// <summary>
    /// The HOME of an isolated run (<see cref="AgentRunRequest.Isolated"/>), in the task's state
    /// folder: never the user's own, so the CLI reads none of the user's configuration or keys.
    /// </summary>
    public static string IsolatedHome(ICliAgentOptions options, AgentRunRequest request) =>
        Path.Combine(State(options, request), "home");

    /// <summary>The HOME of the task's runs: the user's own (<see cref="ICliAgentOptions.UserHome"/>), or the task's when isolated.</summary>
    public static string Home(ICliAgentOptions options, AgentRunRequest request) =>
        request.Isolated ? IsolatedHome(options, request) : options.UserHome;

    /// <summary>
    /// The one environment of a CLI agent: the options' variables, then the request's and the
    /// run's own (<see cref="AgentRunRequest.Variables"/>), then HOME: the user's own, so the CLI
    /// signs in and configures itself as it does in the user's terminal, or for an isolated run one
    /// in the task's state folder (created). A runtime adds only what its own CLI reads.
    /// </summary>
    public static Dictionary<string, string> AgentEnvironment(ICliAgentOptions options, AgentRunRequest request)
    {
        var home = Home(options, request);
        if (request.Isolated)
        {
            Directory.CreateDirectory(home);
        }
        var variables = request.Variables(options.Environment);
        variables["HOME"] = home;
        return variables;
    }

    /// <summary>The server's HOME, where a CLI finds the login of the user running <c>nightshift up</c>.</summary>
    public static string ServerHome(Func<string, string?> environment) =>
        environment("HOME") is { Length: > 0 } home ? home : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    /// <summary>
    /// Starts the CLI in the worktree through <c>setsid</c> (so it leads its own process group),
    /// stdin, stdout and stderr redirected, with the agent environment over the server's filtered one.
    /// </summary>
    public Task<AgentProcess> StartAsync(IEnumerable<string> arguments, TimeProvider time)
    {
        var psi = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = Request.WorktreePath,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Executable);
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }
        UntrustedEnvironment.ApplyTo(psi.Environment, Environment);
        return AgentProcess.StartAsync(psi, Request, time);
    }

    /// <summary>One turn's command: the CLI with <paramref name="arguments"/> in the worktree, with the agent environment and <paramref name="standardInput"/> (the prompt, for a CLI that reads it there).</summary>
    public ShellCommand Turn(IEnumerable<string> arguments, string? standardInput = null) =>
        new(ShellQuote.Exec(Executable, arguments), Request.WorktreePath)
        {
            StandardInput = standardInput,
            Environment = Environment,
        };
}
