using Nightshift.Core.Comments;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Storage;

/// <summary>Feedback from a human; pending until delivered to a run.</summary>
public sealed class CommentRecord
{
    public long Id { get; set; }
    public TaskId TaskId { get; set; }
    public required string Author { get; set; }
    public required string Body { get; set; }
    public CommentMode Mode { get; set; }
    public string? File { get; set; }
    public int? Line { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public RunId? DeliveredToRunId { get; set; }
    public bool Resolved { get; set; }
}
