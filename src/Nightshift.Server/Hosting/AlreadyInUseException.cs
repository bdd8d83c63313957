namespace Nightshift.Server.Hosting;

/// <summary>The server cannot start: its port, or its node name on this data folder, is another process's. The message says whose and what to do.</summary>
public sealed class AlreadyInUseException(string message) : Exception(message);
