using System.Text.RegularExpressions;

using Nightshift.Core.Git;
namespace Nightshift.Core.Merging;

/// <summary>
/// Moves a checked-out target like <c>git merge --ff-only</c> would: the working tree and index follow
/// the ref, local changes that the merge does not touch stay as they are, and when the merge would
/// overwrite one nothing moves at all.
/// </summary>
/// <remarks>
/// The files are updated by a two-tree <c>git read-tree -m -u OLD NEW</c> in a sealed git directory
/// (so no smudge filter, hook or fsmonitor from the shared config runs), on a copy of the checkout's
/// index, while the engine holds that checkout's own <c>index.lock</c>.
/// </remarks>
internal sealed partial class CheckoutFastForward(GitCli git, GitRepository repository, string repoPath)
{
    public async Task<TargetMove> RunAsync(
        string checkoutPath, string targetBranch, string oldCommit, string newCommit, string reflogMessage, CancellationToken cancellationToken)
    {
        var targetRef = RefNames.BranchPrefix + targetBranch;
        var gitDir = await CheckoutIndex.GitDirAsync(git, checkoutPath, cancellationToken);
        using var indexLock = IndexLock.TryAcquire(gitDir);
        if (indexLock is null)
        {
            return TargetMove.Busy(checkoutPath);
        }

        // Under the lock no git command can change this checkout's index or switch its branch, so what
        // is read now holds until the lock is released.
        var head = await git.RunAsync(checkoutPath, ["symbolic-ref", "-q", "HEAD"], cancellationToken);
        var current = await RefNames.ResolveCommitAsync(git, repoPath, targetRef, cancellationToken);
        if (!string.Equals(head.StdOut.Trim(), targetRef, StringComparison.Ordinal) || !string.Equals(current, oldCommit, StringComparison.Ordinal))
        {
            return TargetMove.Stale;
        }

        using var sealedDir = SealedGitDirectory.Create(git, repository, checkoutPath, oldCommit);
        await CopyIndexAsync(gitDir, indexLock.IndexPath, sealedDir, oldCommit, cancellationToken);
        var forward = await sealedDir.RunAsync(["read-tree", "-m", "-u", oldCommit, newCommit], cancellationToken);
        if (!forward.Succeeded)
        {
            var files = LocalChangesInTheWay(forward.StdErr);
            return files.Count > 0
                ? TargetMove.Blocked(checkoutPath, files)
                : TargetMove.Failed($"Could not bring the checkout at '{checkoutPath}' forward: {forward.StdErr.Trim()}");
        }

        // From here on the checkout shows the new commit: finish without cancellation.
        // The no-lost-commit guarantee: the ref moves only from the commit the merge was built on.
        var swapped = await git.RunAsync(repoPath, ["update-ref", "-m", reflogMessage, targetRef, newCommit, oldCommit], CancellationToken.None);
        if (!swapped.Succeeded)
        {
            var back = await sealedDir.RunAsync(["read-tree", "-m", "-u", newCommit, oldCommit], CancellationToken.None);
            return back.Succeeded
                ? TargetMove.Stale
                : TargetMove.Failed(
                    $"'{targetBranch}' moved during the merge and the checkout at '{checkoutPath}' could not be put back: its working tree has the merge result's files while its index and branch do not ({back.StdErr.Trim()}).");
        }
        indexLock.Commit(sealedDir.IndexFile);
        return TargetMove.Moved;
    }

    private static async Task CopyIndexAsync(
        string gitDir, string indexPath, SealedGitDirectory sealedDir, string oldCommit, CancellationToken cancellationToken)
    {
        if (!File.Exists(indexPath))
        {
            await sealedDir.RunCheckedAsync(["read-tree", oldCommit], cancellationToken);
            return;
        }
        File.Copy(indexPath, sealedDir.IndexFile);
        // The copy keeps the index's time, which git compares with file times to spot racy entries.
        File.SetLastWriteTimeUtc(sealedDir.IndexFile, File.GetLastWriteTimeUtc(indexPath));
        // A split index keeps most entries in sharedindex.* files beside it.
        foreach (var shared in Directory.EnumerateFiles(gitDir, "sharedindex.*"))
        {
            File.Copy(shared, Path.Combine(Path.GetDirectoryName(sealedDir.IndexFile)!, Path.GetFileName(shared)));
        }
    }

    private static List<string> LocalChangesInTheWay(string stderr) =>
        InTheWay().Matches(stderr).Select(m => m.Groups["path"].Value).Distinct(StringComparer.Ordinal).ToList();

    // read-tree's messages (LC_ALL=C): "Entry 'x' not uptodate. Cannot merge.", "Entry 'x' would be
    // overwritten by merge.", "Untracked working tree file 'x' would be overwritten|removed by merge.",
    // "Updating 'x' would lose untracked files in it".
    [GeneratedRegex(@"^error: (?:Entry|Untracked working tree file|Updating) '(?<path>.+)' (?:not uptodate|would )", RegexOptions.Multiline)]
    private static partial Regex InTheWay();
}
