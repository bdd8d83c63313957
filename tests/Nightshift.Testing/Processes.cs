namespace Nightshift.Testing;

/// <summary>Looks at processes through /proc.</summary>
public static class Processes
{
    /// <summary>
    /// True once the process has exited. A zombie counts as gone: it runs nothing, and in a
    /// container without an init that reaps, an orphan stays a zombie until the container ends.
    /// </summary>
    public static async Task<bool> GoneAsync(int pid, int waitSeconds = 10)
    {
        for (var i = 0; i < waitSeconds * 20; i++)
        {
            if (!IsRunning(pid))
            {
                return true;
            }
            await Task.Delay(50);
        }
        return false;
    }

    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The state letter follows the command name in parentheses: "123 (sleep) S ...".
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
