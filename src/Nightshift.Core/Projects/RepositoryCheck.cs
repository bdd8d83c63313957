
using Nightshift.Core.Git;
namespace Nightshift.Core.Projects;

/// <summary>
/// What a repository must be for Nightshift to work in it, checked where a project is registered,
/// where a task is added and where a run prepares: a working tree (not a bare repository or a
/// <c>.git</c> folder), without Git LFS and without submodules, which task worktrees do not support.
/// </summary>
public static class RepositoryCheck
{
    private const string GitlinkMode = "160000";

    /// <summary>Why <paramref name="folder"/> is not in a working tree of a repository, or null when it is.</summary>
    public static async Task<string?> NotAWorkTreeAsync(GitCli git, string folder, CancellationToken cancellationToken)
    {
        var where = await git.RunAsync(folder, ["rev-parse", "--is-bare-repository", "--is-inside-git-dir"], cancellationToken);
        if (where.ExitCode != 0)
        {
            return $"'{folder}' is not inside a git repository. Run `git init` (and make a first commit) first, or run `nightshift init` in your repository.";
        }
        var answers = where.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (answers is ["true", ..])
        {
            return $"'{folder}' is a bare git repository: it has no working tree, and Nightshift branches each task from a checkout and merges into it. "
                + $"Clone it and run init in the clone: `git clone {folder} <folder>`, then `cd <folder>` and `nightshift init`.";
        }
        if (answers is [_, "true", ..])
        {
            return $"'{folder}' is inside a repository's git folder, not its working tree. Run `nightshift init` in the working tree (the folder that holds .git).";
        }
        return null;
    }

    /// <summary>
    /// Refuses a repository whose <paramref name="revision"/> uses Git LFS or has submodules, with
    /// what, why and what to do. Agents work with git's content filters off (a filter is a command
    /// the repository names, which an agent could change), and task worktrees do not set up submodules.
    /// </summary>
    public static async Task EnsureSupportedAsync(GitCli git, string repoPath, string revision, CancellationToken cancellationToken)
    {
        var listed = await git.RunAsync(repoPath, ["ls-tree", "-r", "-z", "--full-tree", revision, "--"], cancellationToken);
        if (!listed.Succeeded)
        {
            // An unborn or missing revision has nothing to refuse; the caller reports a missing branch itself.
            return;
        }
        var entries = listed.StdOut.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => (Meta: e[..Math.Max(0, e.IndexOf('\t', StringComparison.Ordinal))], Path: e[(e.IndexOf('\t', StringComparison.Ordinal) + 1)..]))
            .ToList();
        var submodules = entries.Where(e => e.Meta.StartsWith(GitlinkMode + " ", StringComparison.Ordinal)).Select(e => e.Path).ToList();
        if (submodules.Count > 0)
        {
            throw new ProjectException(
                $"The repository {repoPath} has submodules ({string.Join(", ", submodules.Take(5))}{(submodules.Count > 5 ? ", …" : string.Empty)} at {revision}). "
                + "Nightshift does not set up submodules in task worktrees: an agent would find them empty, and what it wrote inside them would be lost. "
                + "Use Nightshift on a repository without submodules (for example with their files committed into it).");
        }
        foreach (var attributes in entries.Where(e => e.Path == ".gitattributes" || e.Path.EndsWith("/.gitattributes", StringComparison.Ordinal)))
        {
            var text = await git.RunAsync(repoPath, ["cat-file", "blob", $"{revision}:{attributes.Path}"], cancellationToken);
            if (text.Succeeded && text.StdOut.Contains("filter=lfs", StringComparison.Ordinal))
            {
                throw new ProjectException(
                    $"The repository {repoPath} uses Git LFS ({attributes.Path} at {revision} sets filter=lfs). "
                    + "Nightshift runs git with content filters off, so agents would see LFS pointer files instead of the files, and merges would store pointers as plain files and leave your checkout dirty. "
                    + "Nightshift does not support Git LFS repositories: use it on a repository without LFS, or move the files out of LFS (`git lfs migrate export`).");
            }
        }
    }
}
