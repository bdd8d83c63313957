using System.Text.Json.Nodes;

namespace Nightshift.Core.Agents.Codex;

/// <summary>
/// One line the app server sent that is not an answer to our own request: a notification
/// (<see cref="Id"/> null), a request of its own (an approval, a question), or a line that is not
/// JSON at all (<see cref="Method"/> null, kept as <see cref="Line"/>).
/// </summary>
internal sealed record CodexMessage(string? Method, JsonNode? Id, JsonObject Params, string Line)
{
    public bool IsRequest => Method is not null && Id is not null;
}
