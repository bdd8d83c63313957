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
    long Tokens);
