namespace Nightshift.Core.Agents.Cli;

/// <summary>
/// Reads the standard output of one turn of a CLI agent that takes one prompt per process (Gemini
/// CLI, opencode, Aider): each line becomes normalised events, and at the end the reader knows the
/// session, the final answer and whether the CLI reported a failure.
/// </summary>
internal interface ITurnOutput
{
    /// <summary>The events one line of standard output stands for; text that is not the CLI's format passes through as output.</summary>
    IReadOnlyList<AgentEvent> Read(string line);

    /// <summary>The session the turn ran in, when the CLI reports one.</summary>
    string? SessionId { get; }

    /// <summary>The turn's last answer to the developer.</summary>
    string? Summary { get; }

    /// <summary>A failure the CLI reported in its output (it may still exit 0).</summary>
    string? Error { get; }

    /// <summary>The usage limit the turn stopped on, when the CLI reported one: not a failure of the agent.</summary>
    AgentLimit? Limit => null;
}
