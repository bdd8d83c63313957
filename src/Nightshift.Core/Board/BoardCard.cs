using Nightshift.Core.Projects;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Board;

/// <summary>
/// What one card on the board shows for a task: who works on it, how far it got (for a task at
/// work: its latest progress and last line) and what its runs cost so far.
/// </summary>
public sealed record BoardCard(
    TaskId Id,
    string Title,
    ProjectId ProjectId,
    string Project,
    string Agent,
    TaskState State,
    string? StateReason,
    IReadOnlyList<string> Labels,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? RunStartedAt,
    int? Percent,
    string? LastLine,
    int Runs,
    decimal CostUsd,
    long Tokens)
{
    /// <summary>Whether the board shows this card under <paramref name="filter"/>: the same filter as the task list's.</summary>
    public bool Matches(TaskFilter filter) => filter.Matches(State, ProjectId, Project, Agent, Labels);
}
