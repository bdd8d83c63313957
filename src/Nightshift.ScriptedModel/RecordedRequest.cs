namespace Nightshift.ScriptedModel;

/// <summary>A chat request the server received, numbered from 1 in the order they arrived.</summary>
public sealed record RecordedRequest(int Number, string? Model, bool Stream, IReadOnlyList<RecordedMessage> Messages, string BodyJson)
{
    /// <summary>The names of the tools the client offered.</summary>
    public IReadOnlyList<string> ToolNames { get; init; } = [];

    public RecordedMessage? LastMessage => Messages.Count > 0 ? Messages[^1] : null;

    public RecordedMessage? LastOfRole(string role) => Messages.LastOrDefault(m => m.Role == role);

    /// <summary>The tool results answering the last assistant message: what the model is about to read.</summary>
    public IEnumerable<RecordedMessage> LatestToolResults()
    {
        var lastAssistant = -1;
        for (var i = Messages.Count - 1; i >= 0; i--)
        {
            if (Messages[i].Role == "assistant")
            {
                lastAssistant = i;
                break;
            }
        }
        return Messages.Skip(lastAssistant + 1).Where(m => m.Role == "tool");
    }

    /// <summary>True when any message's text contains <paramref name="text"/>.</summary>
    public bool Contains(string text) => Messages.Any(m => m.Contains(text));
}
