namespace Nightshift.Core.Processes;

/// <summary>How a process ended. <see cref="ExitCode"/> is null when it was stopped before it exited on its own.</summary>
public sealed record ProcessResult(int? ExitCode, bool TimedOut, bool Cancelled, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut && !Cancelled;
}
