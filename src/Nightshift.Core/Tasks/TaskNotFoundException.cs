namespace Nightshift.Core.Tasks;

/// <summary>No task has the id or name asked for.</summary>
public sealed class TaskNotFoundException(string idOrName)
    : KeyNotFoundException($"No task '{idOrName}'. List tasks with `nightshift ls`.")
{
    public string IdOrName { get; } = idOrName;
}
