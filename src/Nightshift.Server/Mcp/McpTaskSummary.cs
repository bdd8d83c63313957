using Nightshift.Core.Storage;

namespace Nightshift.Server.Mcp;

/// <summary>A task as the control MCP server lists it.</summary>
public sealed record McpTaskSummary(long Id, string? Name, string Title, string State, string? StateReason, string Agent, string? Branch, int? ProgressPercent, string? ProgressLine)
{
    public static McpTaskSummary From(TaskRecord t) =>
        new(t.Id.Value, t.Name, t.Title, t.State.ToString(), t.StateReason, t.Agent, t.Branch, t.ProgressPercent, t.ProgressLine);
}
