namespace Nightshift.ScriptedModel;

/// <summary>
/// One message of a request's conversation. <see cref="Text"/> is what matching reads: the
/// content's text, and for an assistant's tool calls their names and arguments.
/// </summary>
/// <param name="Role">system, user, assistant or tool.</param>
/// <param name="Text">The message's readable text.</param>
/// <param name="Json">The message exactly as the client sent it.</param>
public sealed record RecordedMessage(string Role, string Text, string Json)
{
    public string? ToolCallId { get; init; }

    public bool Contains(string text) => Text.Contains(text, StringComparison.Ordinal);
}
