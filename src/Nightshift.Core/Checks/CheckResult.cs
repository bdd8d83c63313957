namespace Nightshift.Core.Checks;

/// <summary>The evidence one acceptance check left: which command, on which commit, how it ended, and the end of its output.</summary>
public sealed record CheckResult(string Command, string? Commit, int? ExitCode, bool TimedOut, TimeSpan Duration, string OutputTail)
{
    public bool Passed => ExitCode == 0 && !TimedOut;
}
