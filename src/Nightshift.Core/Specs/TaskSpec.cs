namespace Nightshift.Core.Specs;

/// <summary>
/// A parsed, validated task spec. Optional fields are null when the spec leaves them to the
/// project's defaults (.nightshift/project.yml).
/// </summary>
public sealed record TaskSpec
{
    public required string Title { get; init; }
    public string? Name { get; init; }
    public string? Agent { get; init; }
    public string? Model { get; init; }
    public Priority Priority { get; init; } = Priority.Normal;
    public string? Base { get; init; }
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    public string? Command { get; init; }
    public IReadOnlyList<string> Checks { get; init; } = [];
    public PlanMode Plan { get; init; } = PlanMode.Off;
    public int? MaxRetries { get; init; }
    public TimeSpan? Timeout { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Whose configuration the agent's CLI runs with; null leaves it to the project (<see cref="Projects.ProjectConfig.AgentConfig"/>).</summary>
    public AgentConfigMode? AgentConfig { get; init; }

    /// <summary>The Markdown body: the instruction the agent receives.</summary>
    public required string Body { get; init; }
}
