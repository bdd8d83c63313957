namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>
/// Confines the file tools to one worktree. A path the model gives must be relative, must stay
/// inside the worktree after <c>..</c> and every symlink on the way is resolved, and must not
/// name <c>.git</c> (the engine's git directory is never the agent's to touch).
/// </summary>
internal sealed class WorktreePaths
{
    private const string GitDirectory = ".git";

    public WorktreePaths(string root)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        // The worktree itself may sit under a symlinked folder; link targets are compared to the real root.
        RealRoot = RealPath(Root);
    }

    public string Root { get; }

    private string RealRoot { get; }

    /// <summary>The full path for <paramref name="path"/>, with symlinks resolved; throws <see cref="ToolException"/> when it leaves the worktree.</summary>
    public string Resolve(string? path)
    {
        var relative = string.IsNullOrWhiteSpace(path) ? "." : path.Trim();
        if (Path.IsPathRooted(relative) || relative.StartsWith('~'))
        {
            throw new ToolException($"'{relative}' is an absolute path; give a path relative to the worktree root, e.g. src/app.py");
        }
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        if (!IsInside(full, Root))
        {
            throw new ToolException($"'{relative}' leads outside the worktree; only files inside it can be used");
        }
        var real = RealRoot;
        foreach (var segment in Path.GetRelativePath(Root, full).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }
            if (segment.Equals(GitDirectory, StringComparison.OrdinalIgnoreCase))
            {
                throw new ToolException($"'{relative}' is inside .git; the git directory is off limits (Nightshift commits for you)");
            }
            real = Path.Combine(real, segment);
            if (new FileInfo(real).LinkTarget is not null)
            {
                real = RealPath(real);
                if (!IsInside(real, RealRoot))
                {
                    throw new ToolException($"'{relative}' goes through a symlink that leads outside the worktree");
                }
                if (Relative(real).Split('/').Any(s => s.Equals(GitDirectory, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new ToolException($"'{relative}' goes through a symlink into .git; the git directory is off limits");
                }
            }
        }
        return real;
    }

    /// <summary>The worktree-relative form of a resolved path, with forward slashes, for showing to the model.</summary>
    public string Relative(string fullPath)
    {
        var relative = Path.GetRelativePath(IsInside(fullPath, RealRoot) ? RealRoot : Root, fullPath);
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static bool IsInside(string path, string root) =>
        path.Equals(root, StringComparison.Ordinal) || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symlink on it followed, as far as the path exists.</summary>
    private static string RealPath(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
            return RealPath(target);
        }
        var parent = Path.GetDirectoryName(path);
        return parent is null || parent == path ? path : Path.Combine(RealPath(parent), Path.GetFileName(path));
    }
}
