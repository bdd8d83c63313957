namespace Nightshift.Core.Runs;

/// <summary>
/// Removes a folder and everything in it without ever following a symbolic link: a link, at the
/// top or anywhere inside, is removed itself and its target is never entered or changed. What an
/// agent left in its HOME (a link to the user's own files, a read-only module cache) cannot make
/// the removal reach outside the folder, nor stop it half-way on a read-only directory.
/// </summary>
internal static class FolderRemoval
{
    /// <summary>Removes <paramref name="path"/>; returns the bytes of the files removed.</summary>
    public static long Remove(string path)
    {
        var top = new DirectoryInfo(path);
        if (top.LinkTarget is not null)
        {
            // Removes the link, not what it points to.
            top.Delete();
            return 0;
        }
        return RemoveTree(top);
    }

    private static long RemoveTree(DirectoryInfo dir)
    {
        MakeWritable(dir);
        long bytes = 0;
        foreach (var entry in dir.EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo sub && sub.LinkTarget is null)
            {
                bytes += RemoveTree(sub);
                continue;
            }
            // A file, or a link of either kind: only the entry goes.
            if (entry is FileInfo { LinkTarget: null } file)
            {
                bytes += file.Length;
                if (OperatingSystem.IsWindows() && file.IsReadOnly)
                {
                    file.IsReadOnly = false;
                }
            }
            entry.Delete();
        }
        dir.Delete();
        return bytes;
    }

    // On Unix removing an entry needs write permission on its directory, and tools such as Go's
    // module cache make theirs read-only. Only real directories get here, never a link's target.
    private static void MakeWritable(DirectoryInfo dir)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        const UnixFileMode needed = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if ((dir.UnixFileMode & needed) != needed)
        {
            dir.UnixFileMode |= needed;
        }
    }
}
