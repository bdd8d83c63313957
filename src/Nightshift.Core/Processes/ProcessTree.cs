using System.Globalization;

namespace Nightshift.Core.Processes;

/// <summary>
/// The descendants of a process, read from /proc. A CLI may start commands in process groups of
/// their own (Gemini CLI runs each shell command detached), which a signal to the CLI's group does
/// not reach; and once the CLI exits they are re-parented and no longer look like its children.
/// So a stop takes this list before it signals anything.
/// </summary>
internal static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(int root)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Parent(pid) is { } parent)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }
                list.Add(pid);
            }
        }
        var found = new List<int>();
        var pending = new Queue<int>([root]);
        while (pending.TryDequeue(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                found.Add(child);
                pending.Enqueue(child);
            }
        }
        return found;
    }

    /// <summary>Sends <paramref name="signal"/> to each process and to the group it may lead.</summary>
    public static void Signal(IEnumerable<int> pids, int signal)
    {
        foreach (var pid in pids)
        {
            Signals.SendToGroup(pid, signal);
            Signals.Send(pid, signal);
        }
    }

    private static int? Parent(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "123 (name) S 45 ...": the parent follows the state, after the name's closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // it ended while we looked
        }
    }
}
