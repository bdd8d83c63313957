using System.Security.Cryptography;

namespace Nightshift.Testing;

/// <summary>
/// Every file under a folder as it is now: its size, last write time and content hash. Two snapshots
/// compare equal when nothing was created, removed, written or touched in between.
/// </summary>
public sealed record FolderSnapshot(IReadOnlyList<string> Files)
{
    public static FolderSnapshot Take(string folder) => new([.. Directory
        .EnumerateFiles(folder, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(path => Describe(folder, path))]);

    /// <summary>The files that differ between the two, for a failure message: what changed, not just that something did.</summary>
    public IReadOnlyList<string> Difference(FolderSnapshot other) => [.. Files.Except(other.Files).Concat(other.Files.Except(Files)).Order(StringComparer.Ordinal)];

    private static string Describe(string folder, string path)
    {
        var info = new FileInfo(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var hash = Convert.ToHexString(SHA256.HashData(stream));
        return $"{Path.GetRelativePath(folder, path)} {info.Length} {info.LastWriteTimeUtc.Ticks} {hash}";
    }
}
