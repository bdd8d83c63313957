namespace Nightshift.Core.Workspaces;

/// <summary>Installs an index built in a <see cref="SealedGitDirectory"/> as a checkout's own index.</summary>
internal static class CheckoutIndex
{
    public static async Task<string> GitDirAsync(GitCli git, string checkoutPath, CancellationToken cancellationToken) =>
        (await git.RunCheckedAsync(checkoutPath, ["rev-parse", "--absolute-git-dir"], cancellationToken)).StdOut.Trim();

    /// <summary>Returns false when another git command held the checkout's index lock throughout.</summary>
    public static async Task<bool> InstallAsync(
        GitCli git, string checkoutPath, string sourceIndex, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var gitDir = await GitDirAsync(git, checkoutPath, cancellationToken);
        using var indexLock = await IndexLock.AcquireAsync(gitDir, timeProvider, cancellationToken);
        if (indexLock is null)
        {
            return false;
        }
        indexLock.Commit(sourceIndex);
        return true;
    }
}
