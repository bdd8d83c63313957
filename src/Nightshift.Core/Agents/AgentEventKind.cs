namespace Nightshift.Core.Agents;

/// <summary>The kinds of <see cref="AgentEvent"/>.</summary>
public enum AgentEventKind
{
    Output,
    Message,
    ToolCall,
    ToolResult,
    Progress,
    Plan,
    Question,
    Usage,
    Session,
}
