namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>
/// Walks a folder of the worktree in a stable order: folders before their contents, names in
/// ordinal order. It never descends into <c>.git</c> or through a symlink, so a link cannot lead
/// a listing or a search out of the worktree.
/// </summary>
internal static class WorktreeWalk
{
    private static readonly EnumerationOptions Shallow = new() { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = false };

    public static IEnumerable<FileSystemInfo> Entries(string directory, bool recursive)
    {
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(directory));
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            var children = current.EnumerateFileSystemInfos("*", Shallow)
                .Where(e => !e.Name.Equals(".git", StringComparison.OrdinalIgnoreCase))
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .ToList();
            var subdirectories = new List<DirectoryInfo>();
            foreach (var child in children)
            {
                yield return child;
                if (recursive && child is DirectoryInfo sub && child.LinkTarget is null)
                {
                    subdirectories.Add(sub);
                }
            }
            // Pushed in reverse so they come off the stack in name order.
            for (var i = subdirectories.Count - 1; i >= 0; i--)
            {
                pending.Push(subdirectories[i]);
            }
        }
    }
}
