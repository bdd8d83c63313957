namespace Nightshift.Testing;

/// <summary>Finds live processes by their working directory, through /proc: what an agent started in a worktree.</summary>
public static class ProcessesIn
{
    public static List<int> Folder(string folder)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(dir), out var pid) || !Processes.IsRunning(pid))
            {
                continue;
            }
            try
            {
                if (new DirectoryInfo(System.IO.Path.Combine(dir, "cwd")).LinkTarget == folder)
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to inspect.
            }
        }
        return found;
    }

    /// <summary>Waits until some live process in the folder has a command line that contains <paramref name="command"/>.</summary>
    public static async Task<List<int>> WaitForAsync(string folder, string command, TimeSpan limit, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(100);
        while (waited < limit)
        {
            var found = Folder(folder);
            if (found.Any(pid => CommandLine(pid).Contains(command, StringComparison.Ordinal)))
            {
                return found;
            }
            await Task.Delay(step, cancellationToken);
            waited += step;
        }
        return Folder(folder);
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
