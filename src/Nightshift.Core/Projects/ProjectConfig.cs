using Nightshift.Core.Specs;

namespace Nightshift.Core.Projects;

/// <summary>A project's settings from .nightshift/project.yml; every one has a default.</summary>
public sealed record ProjectConfig
{
    public const int MinConcurrency = 1;
    public const int MaxConcurrency = 64;

    /// <summary>The agent for task specs that name none.</summary>
    public string DefaultAgent { get; init; } = KnownAgents.Command;

    /// <summary>A shell script run in each new worktree before the agent starts.</summary>
    public string? Setup { get; init; }

    /// <summary>Commands that must pass before a task's branch may land.</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];

    public string TargetBranch { get; init; } = "main";

    public MergeStrategy MergeStrategy { get; init; } = MergeStrategy.Merge;
    /// <summary>
    /// The most tasks of this project that may have an agent at work at once, across all nodes;
    /// null leaves only each node's own limit (`nightshift up -j`).
    /// </summary>
    public int? Concurrency { get; init; }

    /// <summary>
    /// The project's auto-merge policy: a task carrying any of these labels is approved and merged
    /// without a human once it reaches review (every check passed). Empty means only humans approve.
    /// Each such merge is recorded as the policy's decision on the task.
    /// </summary>
    public IReadOnlyList<string> AutoMergeLabels { get; init; } = [];

    public const int MaxKeptWorktrees = 1000;

    /// <summary>
    /// Retention: the worktrees of the last N merged tasks are kept for a look after the fact;
    /// older ones (and their merged branches) are removed. 0 removes each as soon as it merges.
    /// Removal always fails closed: a dirty or unmerged worktree is never removed.
    /// </summary>
    public int KeepMergedWorktrees { get; init; }

    /// <summary>
    /// Whose configuration agent CLIs run with: the user's own login, settings, MCP servers and
    /// global instructions (the default), or a clean CLI per task (<c>isolated</c>). A spec's own
    /// <c>agent_config</c> wins.
    /// </summary>
    public AgentConfigMode AgentConfig { get; init; }
    /// <summary>Per agent, the model its tasks use when their spec names none; an agent not listed uses its CLI's own default.</summary>
    public IReadOnlyDictionary<string, string> Models { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
