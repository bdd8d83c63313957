namespace Nightshift.Core.Git;

/// <summary>One worktree as <c>git worktree list --porcelain</c> reports it.</summary>
public sealed record WorktreeEntry(
    string Path,
    string? Head,
    string? Branch,
    bool IsMain,
    bool IsBare,
    bool IsDetached,
    bool IsLocked,
    string? LockReason,
    bool IsPrunable);
