namespace Nightshift.Cli.InsideRun;

/// <summary>The bridge refused a call and said why (bad input, a run no longer holding its lease); nothing was recorded.</summary>
internal sealed class BridgeRefusedException(string message) : Exception(message);
