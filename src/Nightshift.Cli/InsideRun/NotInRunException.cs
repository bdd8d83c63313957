namespace Nightshift.Cli.InsideRun;

/// <summary>A command meant for a script inside a run was used elsewhere; the message names the missing variables.</summary>
internal sealed class NotInRunException(string message) : Exception(message);
