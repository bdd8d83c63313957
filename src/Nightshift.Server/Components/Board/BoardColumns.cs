using MudBlazor;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Components.Board;

/// <summary>
/// Where each task state shows on the board, in the order work flows. Every state has exactly one
/// column; a card whose state is not its column's own says which one it is.
/// </summary>
public static class BoardColumns
{
    public static IReadOnlyList<BoardColumn> All { get; } =
    [
        new("queued", "Queued", Color.Default, [TaskState.Queued, TaskState.ChangesRequested]),
        new("running", "Running", Color.Info, [TaskState.Running, TaskState.Planning, TaskState.Verifying]),
        new("input", "Needs input", Color.Warning, [TaskState.NeedsInput, TaskState.AwaitingPlanApproval, TaskState.Conflict]),
        new("review", "In review", Color.Primary, [TaskState.InReview]),
        new("approved", "Approved · merging", Color.Secondary, [TaskState.Approved, TaskState.Merging]),
        new("merged", "Merged", Color.Success, [TaskState.Merged]),
        new("failed", "Failed", Color.Error, [TaskState.Failed, TaskState.Blocked, TaskState.Cancelled]),
    ];

    private static readonly Dictionary<TaskState, BoardColumn> ByState =
        All.SelectMany(c => c.States.Select(s => (State: s, Column: c))).ToDictionary(x => x.State, x => x.Column);

    public static BoardColumn Of(TaskState state) => ByState[state];

    /// <summary>The state in words, for a card whose state differs from its column's own; null otherwise.</summary>
    public static string? Aside(TaskState state) => Of(state).States[0] == state ? null : Words(state);

    public static string Words(TaskState state) => state switch
    {
        TaskState.AwaitingPlanApproval => "plan to approve",
        TaskState.NeedsInput => "question",
        TaskState.ChangesRequested => "changes requested",
        TaskState.InReview => "in review",
        _ => state.ToString().ToLowerInvariant(),
    };
}
