using Nightshift.Core.Tasks;

namespace Nightshift.Core.Storage;

/// <summary>An edge of the task graph: <see cref="TaskId"/> starts only after <see cref="DependsOnId"/> is merged.</summary>
public sealed class TaskDependencyRecord
{
    public TaskId TaskId { get; set; }
    public TaskId DependsOnId { get; set; }
}
