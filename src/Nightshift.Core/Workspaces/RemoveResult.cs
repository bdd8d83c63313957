namespace Nightshift.Core.Workspaces;

/// <summary>
/// What <see cref="WorktreeManager.RemoveAsync(Worktree, RemoveOptions, CancellationToken)"/> did.
/// When <see cref="Removed"/> is false nothing was changed, and <see cref="Reason"/> says why.
/// </summary>
public sealed record RemoveResult(bool Removed, bool BranchDeleted, string Reason)
{
    public static RemoveResult Kept(string reason) => new(false, false, reason);
}
