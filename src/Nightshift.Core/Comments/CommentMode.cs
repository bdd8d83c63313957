namespace Nightshift.Core.Comments;

/// <summary>How a comment reaches the agent.</summary>
public enum CommentMode
{
    /// <summary>Delivered to the running session at its next turn boundary.</summary>
    Steer,

    /// <summary>Delivered as the next turn after the current one ends.</summary>
    Queue,

    /// <summary>A review comment, delivered to the follow-up run after changes are requested.</summary>
    Review,

    /// <summary>The answer to the agent's question; delivered to the session that asked.</summary>
    Answer,
}
