namespace Nightshift.Core.Storage;

/// <summary>
/// Checks, before SQLite opens the database, that this user may write it, its side files and its
/// folder. SQLite would open a read-only file read-only without a word, fail on the first write,
/// and leave a read-only <c>-shm</c> behind that keeps failing after the file is made writable.
/// </summary>
public static class StoreAccess
{
    /// <summary>Throws <see cref="StoreException"/> naming the path and the permission when something cannot be written.</summary>
    public static void EnsureWritable(string databasePath)
    {
        if (Probe(databasePath) is { } problem)
        {
            throw problem;
        }
    }

    /// <summary>The first thing that cannot be written, or null when all can. Creates nothing that stays.</summary>
    public static StoreException? Probe(string databasePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath))!;
        if (Directory.Exists(folder) && FolderProblem(folder) is { } folderProblem)
        {
            return folderProblem;
        }
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            if (File.Exists(file) && FileProblem(file) is { } fileProblem)
            {
                return fileProblem;
            }
        }
        return null;
    }

    private static StoreException? FileProblem(string file)
    {
        try
        {
            // Opening for writing changes nothing in the file, and it is the check the kernel makes.
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            return null;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return new StoreException(StoreFailure.NotWritable, file,
                $"cannot write {file}: {Why(file, "file", ex)}; make it writable by {Environment.UserName} with `chmod u+w {file}`, then start again. Nothing was changed.", ex);
        }
    }

    private static StoreException? FolderProblem(string folder)
    {
        var probe = Path.Combine(folder, $".nightshift-write-check-{Environment.ProcessId}");
        try
        {
            // SQLite creates the -wal and -shm files beside the database: the folder must take new files.
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return new StoreException(StoreFailure.NotWritable, folder,
                $"cannot write in {folder}: {Why(folder, "folder", ex)}; make it writable by {Environment.UserName} with `chmod u+w {folder}`, then start again. Nothing was changed.", ex);
        }
    }

    /// <summary>The permission that is wrong when it is the owner's write bit; the system's own words otherwise (a read-only mount, another owner).</summary>
    private static string Why(string path, string what, Exception ex)
    {
        if (OperatingSystem.IsWindows())
        {
            return ex.Message;
        }
        var mode = File.GetUnixFileMode(path);
        var octal = Convert.ToString((int)mode, 8).PadLeft(4, '0');
        return (mode & UnixFileMode.UserWrite) == 0
            ? $"the {what} is read-only (mode {octal}) and Nightshift runs as {Environment.UserName}"
            : $"{ex.Message.TrimEnd('.')} (mode {octal}, Nightshift runs as {Environment.UserName})";
    }
}
