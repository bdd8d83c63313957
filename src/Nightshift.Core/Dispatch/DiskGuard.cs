using Microsoft.Extensions.Logging;
using Nightshift.Core.Storage;

namespace Nightshift.Core.Dispatch;

/// <summary>
/// Pauses new claims while free space under the worktrees folder is below
/// <see cref="WorkerOptions.MinFreeDiskBytes"/>: a run that starts on a full disk fails half-way
/// and can leave a broken worktree. Runs in progress go on; claims resume once space is freed.
/// </summary>
public sealed partial class DiskGuard(NightshiftHome home, WorkerOptions options, ILogger<DiskGuard> logger)
{
    private string? _pausedReason;
    private StoreFullNotice? _storeFull;
    private StoreFullNotice? _lastStoreFull;

    /// <summary>Why claims are paused, as of the last check (the store's disk being full first); null when they are not.</summary>
    public string? PausedReason => Volatile.Read(ref _storeFull)?.Reason ?? Volatile.Read(ref _pausedReason);

    /// <summary>The store's disk was full at the last write this node tried; null once a write went through.</summary>
    public StoreFullNotice? StoreFull => Volatile.Read(ref _storeFull);

    /// <summary>The last time this node found the store's disk full, kept after it was freed: it explains leases that expired meanwhile.</summary>
    public StoreFullNotice? LastStoreFull => Volatile.Read(ref _lastStoreFull);

    /// <summary>
    /// Keeps the reason when <paramref name="ex"/> is the store's disk being full, so that what this
    /// node could not write is explained (not blamed on a dead node); returns that reason, or null.
    /// </summary>
    public string? NoteStoreFailure(Exception ex, DateTimeOffset at)
    {
        if (StoreErrors.Explain(ex, home.DatabasePath) is not { Failure: StoreFailure.DiskFull } full)
        {
            return null;
        }
        var first = Volatile.Read(ref _storeFull)?.Since ?? at;
        var notice = new StoreFullNotice(full.Summary, first, at);
        Volatile.Write(ref _storeFull, notice);
        Volatile.Write(ref _lastStoreFull, notice);
        LogStoreFull(full.Summary);
        return full.Summary;
    }

    /// <summary>A write to the store went through: its disk is no longer full.</summary>
    public void NoteStoreWritten() => Volatile.Write(ref _storeFull, null);

    /// <summary>Measures free space now; returns the reason claims are paused, or null.</summary>
    public string? Check()
    {
        if (options.MinFreeDiskBytes == 0 || FreeBytes() is not { } free)
        {
            Volatile.Write(ref _pausedReason, null);
            return null;
        }
        // Short, as it is shown wherever queued work is listed; where, and what to do, go with it (QueueHold).
        var reason = free < options.MinFreeDiskBytes
            ? $"low disk, {ByteCount.Format(free)} free of the {ByteCount.Format(options.MinFreeDiskBytes)} minimum under {home.WorktreesPath}"
            : null;
        var before = Interlocked.Exchange(ref _pausedReason, reason);
        if (reason is not null && before is null)
        {
            LogPaused(reason);
        }
        else if (reason is null && before is not null)
        {
            LogResumed(ByteCount.Format(free));
        }
        return reason;
    }

    private long? FreeBytes()
    {
        var path = home.WorktreesPath;
        while (!Directory.Exists(path) && Path.GetDirectoryName(path) is { } parent)
        {
            path = parent;
        }
        try
        {
            // On Unix, DriveInfo of any path reports the file system that holds it.
            return new DriveInfo(path).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Free space that cannot be read does not stop the work; the reason is logged.
            LogUnmeasurable(path, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The store cannot be written: {Reason}; claims are paused and leases cannot be renewed until space is freed")]
    private partial void LogStoreFull(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claims paused: {Reason}")]
    private partial void LogPaused(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claims resumed: {Free} free")]
    private partial void LogResumed(string free);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Free disk space under {Path} cannot be read ({Error}); the disk guard is off")]
    private partial void LogUnmeasurable(string path, string error);
}
