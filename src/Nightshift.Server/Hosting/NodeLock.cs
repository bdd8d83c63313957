using System.Text.RegularExpressions;
using Nightshift.Core.Storage;

namespace Nightshift.Server.Hosting;

/// <summary>
/// A running node's hold on its name in a data folder: an exclusive lock on <c>nodes/&lt;name&gt;.lock</c>,
/// taken before the node starts and released by the operating system when its process ends, however
/// it ends. So two live nodes never share a name (each reaps the runs recorded under its own name
/// when it starts), and a crashed node's name is free again for its restart.
/// </summary>
public sealed partial class NodeLock : IDisposable
{
    /// <summary>How far `up` counts (name-2 … name-N) before it gives up looking for a free name.</summary>
    private const int MaxNumber = 64;

    private readonly FileStream _hold;

    private NodeLock(string name, FileStream hold)
    {
        Name = name;
        _hold = hold;
    }

    public string Name { get; }

    public static string Folder(NightshiftHome home) => Path.Combine(home.Path, "nodes");

    /// <summary>
    /// Takes <paramref name="name"/>; when a live node holds it, refuses, or with
    /// <paramref name="numberWhenTaken"/> takes the first free of name-2, name-3….
    /// </summary>
    public static NodeLock Acquire(NightshiftHome home, string name, bool numberWhenTaken)
    {
        if (NameProblem(name) is { } problem)
        {
            throw new ArgumentException(problem);
        }
        Directory.CreateDirectory(Folder(home));
        for (var number = 1; number <= MaxNumber; number++)
        {
            var candidate = number == 1 ? name : $"{name}-{number}";
            if (TryTake(LockPath(home, candidate), FileMode.OpenOrCreate) is { } hold)
            {
                return new NodeLock(candidate, hold);
            }
            if (!numberWhenTaken)
            {
                var running = ServerInfoFile.ReadNode(home, candidate);
                var where = running is null ? string.Empty : $" at {running.Url} (process {running.Pid})";
                throw new AlreadyInUseException(
                    $"A node named '{candidate}' already runs on the data folder {home.Path}{where}. Use it, stop it first, or start this node under another name (`nightshift up --node <name>`).");
            }
        }
        throw new AlreadyInUseException($"Nodes named '{name}' to '{name}-{MaxNumber}' already run on the data folder {home.Path}; stop some, or name this one with --node.");
    }

    /// <summary>Why <paramref name="name"/> cannot name a node (it names files in the data folder); null when it can.</summary>
    public static string? NameProblem(string name) => ValidName().IsMatch(name)
        ? null
        : $"the node name '{name}' is not usable: use 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit (e.g. --node build-2)";

    /// <summary>The machine's name as a node name: characters a node name cannot hold become '-'.</summary>
    public static string DefaultName()
    {
        var name = NotAllowed().Replace(Environment.MachineName, "-").Trim('-', '.', '_');
        return name.Length == 0 ? "node" : name[..Math.Min(name.Length, 48)];
    }

    /// <summary>
    /// Whether a live process holds node <paramref name="name"/>'s lock. Probes by taking it for an
    /// instant; a node starting under that very name in the same instant would pick a numbered name
    /// or be told to wait, never share it.
    /// </summary>
    public static bool IsHeld(NightshiftHome home, string name)
    {
        if (!ValidName().IsMatch(name))
        {
            return false;
        }
        using var probe = TryTake(LockPath(home, name), FileMode.Open);
        return probe is null && File.Exists(LockPath(home, name));
    }

    public void Dispose() => _hold.Dispose();

    private static string LockPath(NightshiftHome home, string name) => Path.Combine(Folder(home), name + ".lock");

    private static FileStream? TryTake(string path, FileMode mode)
    {
        try
        {
            // FileShare.None is an exclusive flock on Unix (a sharing lock on Windows): held by this
            // open file until it is closed or the process ends.
            return new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException ex) when (IsHeldByAnother(ex))
        {
            return null;
        }
    }

    // EWOULDBLOCK on Linux (11) and macOS (35); ERROR_SHARING_VIOLATION on Windows.
    private static bool IsHeldByAnother(IOException ex) => ex.HResult is 11 or 35 or unchecked((int)0x80070020);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ValidName();

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex NotAllowed();
}
