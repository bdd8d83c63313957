using Xunit;

namespace Nightshift.Core.Tests.Agents;

/// <summary>The live processes whose working directory is a folder, read from /proc: what a stopped run must leave behind is none.</summary>
internal static class WorktreeProcesses
{
    /// <summary>Waits until at least <paramref name="minimum"/> processes work in the folder and one of them runs <paramref name="command"/>.</summary>
    public static async Task<List<int>> WaitForAsync(string folder, int minimum, string command, TimeSpan limit)
    {
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(100);
        while (waited < limit)
        {
            var found = In(folder);
            if (found.Count >= minimum && found.Any(pid => CommandLine(pid).StartsWith(command, StringComparison.Ordinal)))
            {
                return found;
            }
            await Task.Delay(step, TestContext.Current.CancellationToken);
            waited += step;
        }
        return In(folder);
    }

    public static List<int> In(string folder)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || !Nightshift.Testing.Processes.IsRunning(pid))
            {
                continue;
            }
            try
            {
                if (new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget == folder)
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
