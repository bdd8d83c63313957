namespace Nightshift.Core.Git;

/// <summary>Where a checkout's git directory (and so its index) is.</summary>
internal static class CheckoutIndex
{
    public static async Task<string> GitDirAsync(GitCli git, string checkoutPath, CancellationToken cancellationToken) =>
        (await git.RunCheckedAsync(checkoutPath, ["rev-parse", "--absolute-git-dir"], cancellationToken)).StdOut.Trim();
}
