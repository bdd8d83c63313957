using Nightshift.Core.Board;

namespace Nightshift.Server.Components.Board;

/// <summary>What the board is narrowed to; each part is null for "all". Kept in the page's query string.</summary>
public sealed record BoardFilter(string? Project, string? Label, string? Agent)
{
    public bool IsEmpty => Project is null && Label is null && Agent is null;

    public bool Matches(BoardCard card) =>
        (Project is null || string.Equals(card.Project, Project, StringComparison.Ordinal))
        && (Agent is null || string.Equals(card.Agent, Agent, StringComparison.Ordinal))
        && (Label is null || card.Labels.Contains(Label, StringComparer.Ordinal));
}
