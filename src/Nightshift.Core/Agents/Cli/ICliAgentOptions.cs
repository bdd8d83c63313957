namespace Nightshift.Core.Agents.Cli;

/// <summary>What every CLI runtime's options hold: the program found, where its per-task state lives, and variables every run gets.</summary>
public interface ICliAgentOptions
{
    /// <summary>The executable to run; null when it was not found, so every run fails saying how to install it.</summary>
    string? ExecutablePath { get; }

    /// <summary>Holds one folder per task (HOME, the CLI's configuration), kept between runs because resuming reads from it.</summary>
    string StateRoot { get; }

    /// <summary>
    /// The HOME of the user whose CLI login, settings, MCP servers and instructions runs use (the
    /// user running <c>nightshift up</c>; from the server's HOME by default): the HOME of every run
    /// not isolated (<see cref="AgentRunRequest.Isolated"/>).
    /// </summary>
    string UserHome { get; }

    /// <summary>Variables every run gets; a run's own variables win.</summary>
    IReadOnlyDictionary<string, string> Environment { get; }
}
