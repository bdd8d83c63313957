using Nightshift.Core.Agents;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Comments;

/// <summary>
/// Whether feedback given now reaches the task's working session as its mode promises, from what
/// the task's agent can take: a steer reaches a session mid-turn only where the runtime can take it;
/// a command has no turns, so steering and queued comments wait for the task's next run. The
/// notice is said when the comment is given (CLI, API, dashboard), so nobody waits for a delivery
/// that cannot happen.
/// </summary>
public sealed class FeedbackReach(AgentCatalog agents)
{
    public const string FollowUpOnly = "queued: this agent takes feedback only on a follow-up run";

    public const string AtTurnEnd = "queued: this agent cannot take a message mid-turn; it gets it when its current turn ends";

    /// <summary>The states in which a session is working on the task and could take feedback.</summary>
    private static readonly TaskState[] Working = [TaskState.Running, TaskState.Planning, TaskState.NeedsInput];

    /// <summary>What to tell the person giving a <paramref name="mode"/> comment to <paramref name="task"/> now; null when it is delivered as the mode says.</summary>
    public string? Notice(TaskRecord task, CommentMode mode)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (mode is not (CommentMode.Steer or CommentMode.Queue) || !Working.Contains(task.State) || agents.Find(task.Agent) is not { } runtime)
        {
            return null;
        }
        var can = runtime.Capabilities;
        return !can.TakesFeedbackBetweenTurns ? FollowUpOnly
            : mode == CommentMode.Steer && !can.SteerMidTurn ? AtTurnEnd
            : null;
    }
}
