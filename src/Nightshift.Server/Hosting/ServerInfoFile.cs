using System.Text.Json;
using Nightshift.Client;
using Nightshift.Core.Storage;

namespace Nightshift.Server.Hosting;

/// <summary>
/// Where the running servers of a data folder listen. Each node writes <c>nodes/&lt;node&gt;.json</c>
/// while it runs; <c>server.json</c> names the one the CLI talks to. It stays true: a node that starts
/// while another live node holds it leaves it alone, and a node that stops hands it to another live
/// node, or removes it when none is left. Never removed or replaced while the node it names lives.
/// </summary>
public static class ServerInfoFile
{
    private static readonly TimeSpan GuardPatience = TimeSpan.FromSeconds(10);

    /// <summary>Records a node that now listens; true when the CLI will talk to it (no other live node had server.json).</summary>
    public static async Task<bool> PublishAsync(NightshiftHome home, ServerInfo info, CancellationToken cancellationToken)
    {
        WriteAtomically(NodePath(home, info.Node!), info);
        await using var guard = await GuardAsync(home, cancellationToken);
        if (Read(home) is { } current && current.Node != info.Node && IsLive(home, current))
        {
            return false;
        }
        WriteAtomically(home.ServerInfoPath, info);
        return true;
    }

    /// <summary>
    /// Forgets a node that stops, and releases its name: server.json, if it names this node, goes
    /// to another live node of the data folder, or away when there is none.
    /// </summary>
    public static async Task WithdrawAsync(NightshiftHome home, ServerInfo info, NodeLock nodeLock)
    {
        await using var guard = await GuardAsync(home, CancellationToken.None);
        File.Delete(NodePath(home, info.Node!));
        // Released under the guard, so a node stopping at the same time sees this one gone.
        nodeLock.Dispose();
        if (Read(home) is { } current && current.Node == info.Node && current.Pid == info.Pid)
        {
            if (LiveNodes(home) is [var next, ..])
            {
                WriteAtomically(home.ServerInfoPath, next);
            }
            else
            {
                File.Delete(home.ServerInfoPath);
            }
        }
    }

    /// <summary>server.json as written, live or not.</summary>
    public static ServerInfo? Read(NightshiftHome home) => ReadFile(home.ServerInfoPath);

    /// <summary>The server to talk to: server.json's while its node lives, else any live node's (one whose node was killed left server.json behind).</summary>
    public static ServerInfo? ReadLive(NightshiftHome home) =>
        Read(home) is { } info && IsLive(home, info) ? info
        : LiveNodes(home) is [var first, ..] ? first
        : null;

    /// <summary>What node <paramref name="node"/> wrote when it started, if it did.</summary>
    public static ServerInfo? ReadNode(NightshiftHome home, string node) => ReadFile(NodePath(home, node));

    /// <summary>Every node that wrote its address and still holds its name, oldest first.</summary>
    public static IReadOnlyList<ServerInfo> LiveNodes(NightshiftHome home)
    {
        var folder = NodeLock.Folder(home);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        return [.. Directory.EnumerateFiles(folder, "*.json")
            .Select(ReadFile)
            .OfType<ServerInfo>()
            .Where(info => info.Node is not null && IsLive(home, info))
            .OrderBy(info => info.StartedAt)];
    }

    /// <summary>
    /// A node whose process is gone is dead without probing its lock, so a reader never touches the
    /// lock of a node restarting under that name; a live process id may be reused, so then the lock
    /// decides. A server.json from before nodes were named has only its process to go by.
    /// </summary>
    private static bool IsLive(NightshiftHome home, ServerInfo info) =>
        ProcessExists(info.Pid) && (info.Node is null || NodeLock.IsHeld(home, info.Node));

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string NodePath(NightshiftHome home, string node) => Path.Combine(NodeLock.Folder(home), node + ".json");

    private static ServerInfo? ReadFile(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ServerInfo>(File.ReadAllText(path), NightshiftClient.Json);
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }

    private static void WriteAtomically(string path, ServerInfo info)
    {
        // A temp file per process: two servers on one data folder must not trip over each other's temp file.
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(info, NightshiftClient.Json));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>One node at a time reads and rewrites server.json; the lock goes with the process if it dies.</summary>
    private static async Task<FileStream> GuardAsync(NightshiftHome home, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(NodeLock.Folder(home));
        // A name no node can have: node names start with a letter or digit.
        var path = Path.Combine(NodeLock.Folder(home), ".server.json.lock");
        var deadline = TimeProvider.System.GetUtcNow() + GuardPatience;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
        }
    }
}
