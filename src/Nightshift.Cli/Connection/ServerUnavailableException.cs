namespace Nightshift.Cli.Connection;

/// <summary>No server could be reached; the message says how to start one.</summary>
public sealed class ServerUnavailableException(string message) : Exception(message);
