using Nightshift.Core.Git;
using Nightshift.Core.Projects;
using Nightshift.Core.Workspaces;
namespace Nightshift.Core.Merging;

/// <summary>
/// Lands an approved branch on its target without touching any checkout to compute the result, and
/// moves the target only by compare-and-swap, retrying when someone else moved it first.
/// </summary>
public sealed class MergeEngine
{
    public const int MaxAttempts = 5;
    internal const string MergeGate = "merge";

    private readonly GitCli _git;
    private readonly TimeProvider _timeProvider;

    public MergeEngine(GitCli git)
        : this(git, TimeProvider.System)
    {
    }

    public MergeEngine(GitCli git, TimeProvider timeProvider)
    {
        _git = git;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Merges <paramref name="sourceBranch"/> into <paramref name="targetBranch"/> with
    /// <paramref name="strategy"/>. <paramref name="message"/> is the merge or squash commit's message
    /// (a rebase keeps each commit's own). A failure is returned, not thrown; it changed nothing.
    /// When <paramref name="gate"/> is given it sees every merge commit before the target moves to
    /// it and returns null to let it land or the reason it must not.
    /// </summary>
    public Task<MergeOutcome> MergeAsync(
        string repoPath,
        string sourceBranch,
        string targetBranch,
        MergeStrategy strategy,
        string message,
        CancellationToken cancellationToken,
        Func<string, CancellationToken, Task<string?>>? gate = null) =>
        TransientGitFailure.RetryAsync(() => MergeOnceAsync(repoPath, sourceBranch, targetBranch, strategy, message, gate, cancellationToken), _timeProvider, cancellationToken);

    private async Task<MergeOutcome> MergeOnceAsync(
        string repoPath,
        string sourceBranch,
        string targetBranch,
        MergeStrategy strategy,
        string message,
        Func<string, CancellationToken, Task<string?>>? gate,
        CancellationToken cancellationToken)
    {
        if (Invalid(sourceBranch) || Invalid(targetBranch) || string.Equals(sourceBranch, targetBranch, StringComparison.Ordinal))
        {
            return MergeOutcome.Failed($"Cannot merge '{sourceBranch}' into '{targetBranch}': two different branch names are needed.");
        }
        var text = string.IsNullOrWhiteSpace(message) ? $"Merge branch '{sourceBranch}' into {targetBranch}" : message;
        try
        {
            var repository = await GitRepository.OpenAsync(_git, repoPath, cancellationToken);
            // Merges into one repository queue here, so that they do not spin on compare-and-swap
            // against each other; the swap still guards against every other writer.
            using (await RepositoryLocks.EnterAsync(repository.CommonDir, MergeGate, cancellationToken))
            {
                return await MergeQueuedAsync(repository, repoPath, sourceBranch, targetBranch, strategy, CommitMessages.Normalize(text), gate, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is RepositoryException or WorkspaceException or GitCommandException)
        {
            // A missing repository or an unusable branch name is a failed merge, said in its message.
            return MergeOutcome.Failed(ex.Message);
        }
    }

    private async Task<MergeOutcome> MergeQueuedAsync(
        GitRepository repository,
        string repoPath,
        string sourceBranch,
        string targetBranch,
        MergeStrategy strategy,
        string message,
        Func<string, CancellationToken, Task<string?>>? gate,
        CancellationToken cancellationToken)
    {
        // The source is read once: what lands is the commit that was there when the merge began.
        var source = await RefNames.ResolveBranchAsync(_git, repoPath, sourceBranch, cancellationToken);
        if (source is null)
        {
            return MergeOutcome.Failed($"Source branch '{sourceBranch}' does not exist in '{repoPath}'.");
        }
        var reflog = $"nightshift: {strategy.ToString().ToLowerInvariant()} {sourceBranch}";
        TargetMove? last = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var target = await RefNames.ResolveBranchAsync(_git, repoPath, targetBranch, cancellationToken);
            if (target is null)
            {
                return MergeOutcome.Failed($"Target branch '{targetBranch}' does not exist in '{repoPath}'.");
            }
            MergePlan plan;
            using (var sealedDir = SealedGitDirectory.Create(_git, repository, null, target))
            {
                plan = await new MergeCommitBuilder(sealedDir).BuildAsync(target, source, strategy, message, cancellationToken);
            }
            switch (plan.Kind)
            {
                case MergePlanKind.AlreadyMerged:
                    return MergeOutcome.Merged(target, changed: false, $"Nothing to do: {plan.Description}.");
                case MergePlanKind.Conflict:
                    return MergeOutcome.Conflict(plan.Conflicts);
                case MergePlanKind.Failed:
                    return MergeOutcome.Failed(plan.Description);
                default:
                    break;
            }

            // The test gate sees exactly the commit that would land; when the target moved and the
            // merge is recomputed, the new commit goes through the gate again.
            if (gate is not null && await gate(plan.Commit!, cancellationToken) is { } refused)
            {
                return MergeOutcome.GateFailed(plan.Commit!, refused);
            }
            last = await new TargetMover(_git, repository, repoPath).MoveAsync(targetBranch, target, plan.Commit!, reflog, cancellationToken);
            switch (last.Status)
            {
                case TargetMoveStatus.Moved:
                    return MergeOutcome.Merged(plan.Commit!, changed: true, $"Merged '{sourceBranch}' into '{targetBranch}' ({plan.Description}).");
                case TargetMoveStatus.Blocked:
                    return MergeOutcome.BlockedByLocalChanges(last.CheckoutPath!, last.Files);
                case TargetMoveStatus.Failed:
                    return MergeOutcome.Failed(last.Reason!);
                case TargetMoveStatus.Busy:
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), _timeProvider, cancellationToken);
                    break;
                default:
                    break;
            }
        }
        return last is { Status: TargetMoveStatus.Busy }
            ? MergeOutcome.Failed($"{last.Reason} Gave up after {MaxAttempts} attempts; nothing was changed.")
            : MergeOutcome.TargetMoved(MaxAttempts);
    }

    private static bool Invalid(string branch) =>
        string.IsNullOrWhiteSpace(branch) || branch.StartsWith('-') || branch.Contains("@{", StringComparison.Ordinal);
}
