using System.Globalization;

namespace Nightshift.Core.Agents.Cli;

/// <summary>What every runtime that drives an installed agent CLI shares.</summary>
internal static class CliAgent
{
    private const string TaskStatePrefix = "task-";

    /// <summary>The task's own folder under a runtime's state root: the CLI's HOME and configuration, kept between runs because resuming reads from it.</summary>
    public static string TaskState(string stateRoot, long taskId) =>
        Path.Combine(stateRoot, TaskStatePrefix + taskId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The task a folder name under a state root belongs to (the inverse of <see cref="TaskState"/>), or null when it is not a task's folder.</summary>
    public static long? TaskOfState(string folderName) =>
        folderName.StartsWith(TaskStatePrefix, StringComparison.Ordinal)
            && long.TryParse(folderName.AsSpan(TaskStatePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && TaskState(string.Empty, id) == folderName
            ? id
            : null;
}
