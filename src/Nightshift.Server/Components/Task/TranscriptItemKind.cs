namespace Nightshift.Server.Components.TaskView;

/// <summary>What one line of the transcript shows; several events can fold into one item (a tool call, its output and its result).</summary>
public enum TranscriptItemKind
{
    Message,
    Tool,
    Output,
    State,
    Run,
    Check,
    Progress,
    Plan,
    Question,
    Answer,
    Comment,
    Decision,
    Other,
}
