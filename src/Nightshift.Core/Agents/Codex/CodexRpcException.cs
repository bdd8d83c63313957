namespace Nightshift.Core.Agents.Codex;

/// <summary>The app server answered a request with an error, or went away before answering.</summary>
internal sealed class CodexRpcException(string message) : Exception(message);
