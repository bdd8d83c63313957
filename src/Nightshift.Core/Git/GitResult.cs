namespace Nightshift.Core.Git;

/// <summary>What one git command returned.</summary>
public sealed record GitResult(int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;
}
