namespace Nightshift.ScriptedModel;

/// <summary>What the player decided for one request: a reply, or an error to send back as 400.</summary>
internal sealed record ScriptPlay(RecordedRequest? Request, ScriptedTurn? Reply, string? Error);
