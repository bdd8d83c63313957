
namespace Nightshift.Core.Git;

/// <summary>Checks and resolves the branch and revision names callers pass to git.</summary>
internal static class RefNames
{
    public const string BranchPrefix = "refs/heads/";

    public static async Task ValidateBranchAsync(GitCli git, string repoPath, string branch, CancellationToken cancellationToken)
    {
        // A leading '-' would be read as an option; '@{' would expand to another branch.
        if (string.IsNullOrWhiteSpace(branch) || branch.StartsWith('-') || branch.Contains("@{", StringComparison.Ordinal))
        {
            throw new RepositoryException($"'{branch}' is not a valid branch name.");
        }
        var check = await git.RunAsync(repoPath, ["check-ref-format", "--branch", branch], cancellationToken);
        if (!check.Succeeded)
        {
            throw new RepositoryException($"'{branch}' is not a valid branch name: {check.StdErr.Trim()}");
        }
    }

    public static void ValidateRevision(string revision)
    {
        if (string.IsNullOrWhiteSpace(revision) || revision.StartsWith('-'))
        {
            throw new RepositoryException($"'{revision}' is not a valid revision.");
        }
    }

    /// <summary>The commit <paramref name="revision"/> names in the repository, or null.</summary>
    public static async Task<string?> ResolveCommitAsync(GitCli git, string repoPath, string revision, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(
            repoPath, ["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], cancellationToken);
        return result.Succeeded ? result.StdOut.Trim() : null;
    }

    public static Task<string?> ResolveBranchAsync(GitCli git, string repoPath, string branch, CancellationToken cancellationToken) =>
        ResolveCommitAsync(git, repoPath, BranchPrefix + branch, cancellationToken);
}
