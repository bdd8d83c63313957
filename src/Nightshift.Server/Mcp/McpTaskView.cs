using Nightshift.Core.Bridge;

namespace Nightshift.Server.Mcp;

/// <summary>One task as the control MCP server reads it: enough to decide what to say to its agent.</summary>
public sealed record McpTaskView(
    McpTaskSummary Task,
    string Body,
    IReadOnlyList<PlanStep> Plan,
    IReadOnlyList<string> Questions,
    IReadOnlyList<string> Comments,
    IReadOnlyList<string> RecentEvents);
