namespace Nightshift.Testing;

/// <summary>Finds live processes whose command line holds a token, through /proc: a test's own background processes.</summary>
public static class ProcessesNamed
{
    /// <summary>A token unique to one test, to put in the command lines of the processes it starts.</summary>
    public static string NewToken() => $"600.{Random.Shared.Next(100000, 999999)}";

    public static List<int> With(string token)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != Environment.ProcessId && Processes.IsRunning(pid)
                && ProcessesIn.CommandLine(pid).Contains(token, StringComparison.Ordinal))
            {
                found.Add(pid);
            }
        }
        return found;
    }

    /// <summary>KILLs whatever a test left, so a failed assertion does not leave processes behind.</summary>
    public static void KillAll(string token)
    {
        foreach (var pid in With(token))
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }
        }
    }
}
