namespace Nightshift.ScriptedModel;

/// <summary>When <see cref="When"/> matches a request, reply with <see cref="Reply"/>; a one-shot rule is used up by its first match.</summary>
public sealed record ScriptRule(RequestMatch When, ScriptedTurn Reply, bool Once);
