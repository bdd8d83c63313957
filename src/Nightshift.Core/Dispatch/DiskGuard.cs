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

    /// <summary>Why claims are paused, as of the last check; null when they are not.</summary>
    public string? PausedReason => Volatile.Read(ref _pausedReason);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claims paused: {Reason}")]
    private partial void LogPaused(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claims resumed: {Free} free")]
    private partial void LogResumed(string free);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Free disk space under {Path} cannot be read ({Error}); the disk guard is off")]
    private partial void LogUnmeasurable(string path, string error);
}
