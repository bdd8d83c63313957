using Nightshift.Core.Specs;

namespace Nightshift.Core.Projects;

/// <summary>
/// Parses .nightshift/project.yml with the same strictness as task specs: unknown keys, wrong
/// types and bad values are all reported with line, column and key. An empty file is all defaults.
/// </summary>
public static class ProjectConfigParser
{
    public const string DefaultAgentKey = "default_agent";
    public const string SetupKey = "setup";
    public const string ChecksKey = "checks";
    public const string TargetBranchKey = "target_branch";
    public const string MergeStrategyKey = "merge_strategy";
    public const string ConcurrencyKey = "concurrency";
    public const string AutoMergeLabelsKey = "auto_merge_labels";
    public const string KeepMergedWorktreesKey = "keep_merged_worktrees";
    public const string AgentConfigKey = "agent_config";
    public const string ModelsKey = "models";

    private const string RootField = "project";

    private static readonly string[] Keys = [DefaultAgentKey, SetupKey, ChecksKey, TargetBranchKey, MergeStrategyKey, ConcurrencyKey, AutoMergeLabelsKey, KeepMergedWorktreesKey, AgentConfigKey, ModelsKey];
    private static readonly string[] MergeStrategies = ["merge", "squash", "rebase"];

    public static ProjectConfigParseResult Parse(string yaml, string fileName)
    {
        var errors = new List<SpecError>();
        var text = yaml.StartsWith('\uFEFF') ? yaml[1..] : yaml;
        if (text.Length > SpecLimits.MaxProjectFileBytes)
        {
            errors.Add(new SpecError(fileName, 1, 1, RootField, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"is too large: {text.Length:N0} characters, over the limit of {SpecLimits.MaxProjectFileBytes:N0} (SpecLimits.MaxProjectFileBytes); a project file holds a few settings")));
            return new ProjectConfigParseResult(null, errors);
        }
        if (!YamlReader.TryRead(text, 0, fileName, RootField, errors, out var root))
        {
            return new ProjectConfigParseResult(null, errors);
        }
        var fields = new YamlFields(root, Keys, RootField, fileName, errors);
        var defaults = new ProjectConfig();
        var config = new ProjectConfig
        {
            DefaultAgent = ReadAgent(fields) ?? defaults.DefaultAgent,
            Setup = fields.Text(SetupKey, singleLine: false),
            Checks = fields.TextList(ChecksKey, "command") ?? defaults.Checks,
            TargetBranch = ReadBranch(fields) ?? defaults.TargetBranch,
            MergeStrategy = fields.Choice<MergeStrategy>(MergeStrategyKey, "a merge strategy", MergeStrategies) ?? defaults.MergeStrategy,
            Concurrency = fields.Integer(ConcurrencyKey, ProjectConfig.MinConcurrency, ProjectConfig.MaxConcurrency) ?? defaults.Concurrency,
            AutoMergeLabels = fields.TextList(AutoMergeLabelsKey, "label") ?? defaults.AutoMergeLabels,
            KeepMergedWorktrees = fields.Integer(KeepMergedWorktreesKey, 0, ProjectConfig.MaxKeptWorktrees) ?? defaults.KeepMergedWorktrees,
            AgentConfig = fields.Choice<AgentConfigMode>(AgentConfigKey, "an agent configuration", SpecParser.AgentConfigModes) ?? defaults.AgentConfig,
            Models = ProjectModels.Read(fields, ModelsKey) ?? defaults.Models,
        };
        var sorted = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return new ProjectConfigParseResult(sorted.Count == 0 ? config : null, sorted);
    }

    /// <summary>A commented project.yml holding the defaults; it parses back to them with <paramref name="targetBranch"/>.</summary>
    public static string DefaultYaml(string targetBranch) => ProjectConfigTemplate.Render(targetBranch);

    private static string? ReadAgent(YamlFields fields)
    {
        var agent = fields.Text(DefaultAgentKey);
        if (agent is not null && KnownAgents.Problem(agent) is { } problem)
        {
            fields.Error(fields.ValueOf(DefaultAgentKey), DefaultAgentKey, problem);
            return null;
        }
        return agent;
    }

    private static string? ReadBranch(YamlFields fields)
    {
        var branch = fields.Text(TargetBranchKey);
        if (branch is not null && !BranchName.IsValid(branch, out var reason))
        {
            fields.Error(fields.ValueOf(TargetBranchKey), TargetBranchKey,
                $"'{branch}' is not a valid branch name: {reason}; name the branch tasks merge into, e.g. main");
            return null;
        }
        return branch;
    }
}
