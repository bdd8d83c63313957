namespace Nightshift.Core.Workspaces;

/// <summary>
/// What to clean up with a worktree. Deleting the branch needs <see cref="MergedInto"/>: the branch is
/// deleted only when it is proven merged into that target.
/// </summary>
public sealed record RemoveOptions
{
    public static RemoveOptions KeepBranch { get; } = new();

    public bool DeleteBranch { get; init; }

    public string? MergedInto { get; init; }

    public static RemoveOptions DeleteBranchMergedInto(string target) => new() { DeleteBranch = true, MergedInto = target };
}
