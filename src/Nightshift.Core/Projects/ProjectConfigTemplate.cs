using System.Globalization;
using System.Text.RegularExpressions;
using Nightshift.Core.Specs;

namespace Nightshift.Core.Projects;

/// <summary>The commented default project.yml written when a project is registered.</summary>
internal static partial class ProjectConfigTemplate
{
    public static string Render(string targetBranch)
    {
        if (!BranchName.IsValid(targetBranch, out var reason))
        {
            throw new ArgumentException($"'{targetBranch}' is not a valid branch name: {reason}", nameof(targetBranch));
        }
        var defaults = new ProjectConfig();
        var agents = string.Join(", ", KnownAgents.Names);
        return string.Create(CultureInfo.InvariantCulture, $"""
            # Nightshift project settings. Every key is optional: a missing key takes the value shown here.

            # Agent for task specs that do not name one ({agents}).
            {ProjectConfigParser.DefaultAgentKey}: {defaults.DefaultAgent}

            # Shell script run in each new worktree before the agent starts, e.g. to install dependencies:
            # {ProjectConfigParser.SetupKey}: |
            #   npm ci

            # Commands that must pass before a task's branch may land, e.g.
            # {ProjectConfigParser.ChecksKey}:
            #   - dotnet test
            {ProjectConfigParser.ChecksKey}: []

            # Branch that finished tasks land on.
            {ProjectConfigParser.TargetBranchKey}: {Scalar(targetBranch)}

            # How an approved branch lands on the target: merge, squash or rebase.
            {ProjectConfigParser.MergeStrategyKey}: {defaults.MergeStrategy.ToString().ToLowerInvariant()}

            # The most tasks of this project with an agent at work at once ({ProjectConfig.MinConcurrency} to {ProjectConfig.MaxConcurrency});
            # unset, only each node's own limit applies (`nightshift up -j`).
            # {ProjectConfigParser.ConcurrencyKey}: 4

            # Auto-merge policy: tasks with any of these labels merge without a human once every check
            # passes, and each such merge is recorded as this policy's. Empty: only humans approve.
            {ProjectConfigParser.AutoMergeLabelsKey}: []

            # Worktrees of the last N merged tasks are kept for a look; older ones are removed (never a dirty one).
            {ProjectConfigParser.KeepMergedWorktreesKey}: {defaults.KeepMergedWorktrees}

            # Whose configuration agent CLIs run with: user (your own login, settings, MCP servers and
            # global instructions, with Nightshift's permissions and bridge on top) or isolated (a clean
            # CLI per task, keys from variables). A spec's own agent_config wins.
            {ProjectConfigParser.AgentConfigKey}: {defaults.AgentConfig.ToString().ToLowerInvariant()}

            """);
    }

    /// <summary>Plain when YAML reads it back as the same text, single-quoted otherwise.</summary>
    private static string Scalar(string text) =>
        PlainSafe().IsMatch(text) && text is not ("null" or "Null" or "NULL")
            ? text
            : $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]*$")]
    private static partial Regex PlainSafe();
}
