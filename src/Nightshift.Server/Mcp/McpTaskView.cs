
using Nightshift.Core.Plans;
namespace Nightshift.Server.Mcp;

/// <summary>One task as the control MCP server reads it: enough to decide what to say to its agent. A plan shown for approval is in <see cref="PlanText"/>; approving it is a human's act, not a tool's.</summary>
public sealed record McpTaskView(
    McpTaskSummary Task,
    string Body,
    IReadOnlyList<PlanStep> Plan,
    string? PlanText,
    bool PlanApproved,
    IReadOnlyList<string> Questions,
    IReadOnlyList<string> Comments,
    IReadOnlyList<string> RecentEvents);
