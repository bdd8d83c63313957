using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Agents;
using Nightshift.Core.Agents.Cli;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Runs;

/// <summary>
/// Frees the disk the CLI runtimes' per-task state takes (HOME, configuration, sessions, caches;
/// see <see cref="IAgentRuntime.StateRoot"/>) once the task will never run again. The state is
/// kept between runs because a follow-up resumes the session from it, so only a Merged or
/// Cancelled task's folder goes, or one whose task is no longer in the store. A Failed task's
/// stays: <c>nightshift retry</c> resumes its session, and a CLI asked to resume a session whose
/// files are gone fails the run; cancelling the task frees it. The node runs this on start and
/// then every <see cref="Dispatch.WorkerOptions.StateSweepInterval"/>, so a cancel that stops an agent
/// asynchronously never has its folder removed under the live process.
/// </summary>
public sealed partial class AgentStateSweep(IDbContextFactory<NightshiftDb> dbs, AgentCatalog agents, ActiveRuns active, TaskBoard board, ILogger<AgentStateSweep> logger)
{
    // A folder is renamed to this before it is emptied, so a runtime never finds a half-removed
    // task folder, and one a stopped sweep left behind is recognised and finished.
    private const string RemovingPrefix = ".removing-";

    /// <summary>Removes the state folders of finished tasks under every runtime's state root; returns how many were removed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var found = new List<AgentStateEntry>();
        foreach (var (agent, root) in agents.StateRoots)
        {
            foreach (var entry in List(root))
            {
                if (entry.Name.StartsWith(RemovingPrefix, StringComparison.Ordinal))
                {
                    FinishRemoval(entry);
                }
                else if (CliAgent.TaskOfState(entry.Name) is { } id && (entry is DirectoryInfo || entry.LinkTarget is not null))
                {
                    found.Add(new AgentStateEntry(agent, root, entry, new TaskId(id)));
                }
            }
        }
        if (found.Count == 0)
        {
            return 0;
        }
        var (states, running) = await ReadTasksAsync([.. found.Select(f => f.Task).Distinct()], cancellationToken);
        var removed = 0;
        foreach (var folders in found.GroupBy(f => f.Task))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var task = folders.Key;
            var known = states.TryGetValue(task, out var state);
            // The guarantee: a folder is never removed while its task may run again or a run of it
            // may still be alive, here (a cancelled agent still stopping) or on another node.
            if ((known && !TaskLifecycle.IsFinal(state)) || running.Contains(task) || active.HoldsTask(task))
            {
                continue;
            }
            var why = known ? state.ToString() : "no longer in the store";
            var lines = new List<string>();
            foreach (var folder in folders)
            {
                if (TryRemove(folder, why) is { } bytes)
                {
                    lines.Add($"{folder.Agent} {folder.Entry.FullName} ({ByteCount.Format(bytes)})");
                }
            }
            removed += lines.Count;
            if (known && lines.Count > 0)
            {
                // Not cancellable: the folder is gone, so the task's history says so even while stopping.
                await board.AppendAsync(task, null, EventKind.Workspace, $"Agent state removed: {string.Join(", ", lines)}", null, CancellationToken.None);
            }
        }
        return removed;
    }

    private async Task<(Dictionary<TaskId, TaskState> States, HashSet<TaskId> Running)> ReadTasksAsync(List<TaskId> ids, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var states = await db.Tasks.AsNoTracking()
            .Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.State })
            .ToDictionaryAsync(t => t.Id, t => t.State, cancellationToken);
        var running = await db.Runs.AsNoTracking()
            .Where(r => r.State == RunState.Running && ids.Contains(r.TaskId))
            .Select(r => r.TaskId)
            .ToListAsync(cancellationToken);
        return (states, [.. running]);
    }

    private long? TryRemove(AgentStateEntry folder, string why)
    {
        var path = folder.Entry.FullName;
        try
        {
            long bytes;
            if (folder.Entry.LinkTarget is not null)
            {
                // A link in a task's place: the link goes, what it points to is never entered.
                folder.Entry.Delete();
                bytes = 0;
            }
            else
            {
                var moved = Path.Combine(folder.Root, $"{RemovingPrefix}{folder.Entry.Name}-{Guid.NewGuid():N}");
                Directory.Move(path, moved);
                bytes = FolderRemoval.Remove(moved);
            }
            LogRemoved(folder.Task.Value, folder.Agent, path, ByteCount.Format(bytes), why);
            return bytes;
        }
        catch (DirectoryNotFoundException)
        {
            // Another node sharing this folder removed it first.
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // One folder that cannot go (a file held open, a permission) does not stop the sweep.
            LogRemoveFailed(ex, path);
            return null;
        }
    }

    private void FinishRemoval(FileSystemInfo entry)
    {
        try
        {
            if (entry.LinkTarget is not null)
            {
                entry.Delete();
                return;
            }
            var bytes = FolderRemoval.Remove(entry.FullName);
            LogFinished(entry.FullName, ByteCount.Format(bytes));
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogRemoveFailed(ex, entry.FullName);
        }
    }

    private List<FileSystemInfo> List(string root)
    {
        try
        {
            return Directory.Exists(root) ? [.. new DirectoryInfo(root).EnumerateFileSystemInfos()] : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(ex, root);
            return [];
        }
    }

    private sealed record AgentStateEntry(string Agent, string Root, FileSystemInfo Entry, TaskId Task);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId}: removed the {Agent} state folder {Path} ({Size}); the task is {Why}")]
    private partial void LogRemoved(long taskId, string agent, string path, string size, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Finished removing {Path} ({Size}), left by a sweep that was stopped")]
    private partial void LogFinished(string path, string size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the agent state folder {Path}; the next sweep tries again")]
    private partial void LogRemoveFailed(Exception ex, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the agent state root {Path}; the next sweep tries again")]
    private partial void LogUnreadable(Exception ex, string path);
}
