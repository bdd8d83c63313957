namespace Nightshift.ScriptedModel;

/// <summary>A tool call the scripted model makes: the tool's name and its arguments as a JSON object.</summary>
public sealed record ScriptedToolCall(string Name, string ArgumentsJson);
