namespace Nightshift.Cli.InsideRun;

/// <summary>The run's bridge could not be reached, or refused the run's token (the run ended).</summary>
internal sealed class BridgeUnavailableException(string message, Exception inner) : Exception(message, inner);
