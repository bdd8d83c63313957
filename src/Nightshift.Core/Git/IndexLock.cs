namespace Nightshift.Core.Git;

/// <summary>
/// Git's own lock on a checkout's index (<c>index.lock</c>, created exclusively). While the engine
/// holds it no git command can change that checkout's index or switch its branch; committing it
/// replaces the index by rename, as git does.
/// </summary>
internal sealed class IndexLock : IDisposable
{
    private readonly string _lockPath;
    private readonly string _indexPath;
    private FileStream? _stream;
    private bool _committed;

    private IndexLock(string gitDir, FileStream stream)
    {
        _lockPath = Path.Combine(gitDir, "index.lock");
        _indexPath = Path.Combine(gitDir, "index");
        _stream = stream;
    }

    public string IndexPath => _indexPath;

    /// <summary>Takes the lock, or returns null when another git command holds it.</summary>
    public static IndexLock? TryAcquire(string gitDir)
    {
        try
        {
            var stream = new FileStream(Path.Combine(gitDir, "index.lock"), FileMode.CreateNew, FileAccess.Write, FileShare.None);
            return new IndexLock(gitDir, stream);
        }
        catch (IOException) when (File.Exists(Path.Combine(gitDir, "index.lock")))
        {
            return null;
        }
    }

    public static async Task<IndexLock?> AcquireAsync(string gitDir, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (TryAcquire(gitDir) is { } acquired)
            {
                return acquired;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeProvider, cancellationToken);
        }
        return null;
    }

    /// <summary>Makes <paramref name="sourceIndex"/> this checkout's index, keeping its timestamp.</summary>
    public void Commit(string sourceIndex)
    {
        var stream = _stream ?? throw new InvalidOperationException("The index lock was already released.");
        using (var source = File.OpenRead(sourceIndex))
        {
            source.CopyTo(stream);
        }
        stream.Flush(flushToDisk: true);
        stream.Dispose();
        _stream = null;
        // Git trusts cached file stats only for files older than the index; the copy keeps the
        // source's time so that racily-clean entries are still re-checked.
        File.SetLastWriteTimeUtc(_lockPath, File.GetLastWriteTimeUtc(sourceIndex));
        File.Move(_lockPath, _indexPath, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        if (!_committed)
        {
            File.Delete(_lockPath);
        }
    }
}
