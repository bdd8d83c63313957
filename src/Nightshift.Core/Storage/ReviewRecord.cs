using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Storage;

/// <summary>A human's decision on a task, with how long the task waited for it.</summary>
public sealed class ReviewRecord
{
    public long Id { get; set; }
    public TaskId TaskId { get; set; }
    public required string Reviewer { get; set; }
    public ReviewDecision Decision { get; set; }
    public string? Message { get; set; }

    /// <summary>The commit the reviewer saw.</summary>
    public string? Commit { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public TimeSpan WaitedForReview { get; set; }
}
