namespace Nightshift.Core.Processes;

/// <summary>A shell command line to run in a folder.</summary>
public sealed record ShellCommand(string CommandLine, string WorkingDirectory)
{
    public string? StandardInput { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>After this long the command is stopped as if cancelled; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Called with the pid of the command's process (its group's leader) once it runs; when it throws, the command is stopped.</summary>
    public Func<int, ValueTask>? Started { get; init; }

    /// <summary>How long TERM waits before KILL.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(10);
}
