using System.Globalization;

namespace Nightshift.Core.Processes;

/// <summary>
/// Which local process is at the other end of a TCP connection to this server, read from
/// /proc/net/tcp and tcp6 (the connection's socket inode and owner) and /proc/*/fd (who holds
/// that socket). Linux only.
/// </summary>
public static class SocketPeer
{
    /// <summary>What is known of the process at the other end of a connection.</summary>
    public enum Kind
    {
        /// <summary>Not a socket of this machine (or not Linux): the peer is elsewhere.</summary>
        Remote,

        /// <summary>A local socket of another user: not one of this user's agents.</summary>
        OtherUser,

        /// <summary>A local socket of this user, held by <see cref="Found.Pids"/>.</summary>
        Held,

        /// <summary>A local socket its process closed (it may have ended) without waiting for the answer: nobody can be named.</summary>
        Closed,

        /// <summary>A local socket of this user that no readable process holds: its holder keeps its /proc entries to itself (a sandboxed browser process, say).</summary>
        Hidden,
    }

    public sealed record Found(Kind Kind, IReadOnlyList<int> Pids);

    /// <summary>The peer of the connection from local port <paramref name="clientPort"/> to this server's port <paramref name="serverPort"/>.</summary>
    public static Found Find(int clientPort, int serverPort)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new Found(Kind.Remote, []);
        }
        if (ClientSocket(clientPort, serverPort) is not var (uid, inode))
        {
            return new Found(Kind.Remote, []);
        }
        if (inode == 0)
        {
            return new Found(Kind.Closed, []);
        }
        if (uid != CurrentUid())
        {
            return new Found(Kind.OtherUser, []);
        }
        var holders = Holders(inode);
        return holders.Count > 0 ? new Found(Kind.Held, holders) : new Found(Kind.Hidden, []);
    }

    /// <summary>The uid and inode of the client's side: the row whose local port is the client's and remote port the server's.</summary>
    private static (long Uid, long Inode)? ClientSocket(int clientPort, int serverPort)
    {
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            IEnumerable<string> rows;
            try
            {
                rows = File.ReadLines(table).Skip(1).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (var row in rows)
            {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
                var fields = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && Port(fields[1]) == clientPort && Port(fields[2]) == serverPort
                    && long.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                    && long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
                {
                    return (uid, inode);
                }
            }
        }
        return null;
    }

    private static int Port(string address) =>
        int.TryParse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port) ? port : -1;

    private static List<int> Holders(long inode)
    {
        var link = string.Create(CultureInfo.InvariantCulture, $"socket:[{inode}]");
        var holders = new List<int>();
        foreach (var pid in ProcFs.Pids())
        {
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/fd")))
                {
                    if (string.Equals(new FileInfo(fd).LinkTarget, link, StringComparison.Ordinal))
                    {
                        holders.Add(pid);
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // It ended while we looked, or is not ours to look into.
            }
        }
        return holders;
    }

    private static long CurrentUid()
    {
        // The real uid, from this process's status ("Uid:\treal\teffective\t...").
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return long.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
