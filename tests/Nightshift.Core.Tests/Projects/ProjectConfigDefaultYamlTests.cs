using Nightshift.Core.Projects;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Projects;

public sealed class ProjectConfigDefaultYamlTests
{
    [Theory]
    [InlineData("main")]
    [InlineData("develop")]
    [InlineData("release/2.0")]
    [InlineData("null")]
    [InlineData("@home")]
    [InlineData("feat#1")]
    [InlineData("o'brien")]
    [InlineData("café")]
    [InlineData("true")]
    [InlineData("1.0")]
    public void DefaultYaml_ParsesBackToTheDefaultsWithThatBranch(string targetBranch)
    {
        var yaml = ProjectConfigParser.DefaultYaml(targetBranch);

        var result = ProjectConfigParser.Parse(yaml, "project.yml");

        result.Errors.ShouldBeEmpty();
        var config = result.Config.ShouldNotBeNull();
        var defaults = new ProjectConfig();
        config.TargetBranch.ShouldBe(targetBranch);
        config.DefaultAgent.ShouldBe(defaults.DefaultAgent);
        config.Setup.ShouldBe(defaults.Setup);
        config.Checks.ShouldBeEmpty();
        config.MergeStrategy.ShouldBe(defaults.MergeStrategy);
        config.Concurrency.ShouldBe(defaults.Concurrency);
    }

    [Fact]
    public void DefaultYaml_ExplainsEveryKeyInAComment()
    {
        var lines = ProjectConfigParser.DefaultYaml("main").Split('\n');

        foreach (var key in new[] { "default_agent", "checks", "target_branch", "merge_strategy", "auto_merge_labels", "keep_merged_worktrees", "agent_config" })
        {
            var index = Array.FindIndex(lines, line => line.StartsWith(key + ":", StringComparison.Ordinal));
            index.ShouldBeGreaterThan(0, key);
            lines[index - 1].ShouldStartWith("#", customMessage: key);
        }
        lines.ShouldContain("# setup: |");
        // Unset by default (only the node's limit applies), shown as an example to uncomment.
        lines.ShouldContain("# concurrency: 4");
    }

    [Fact]
    public void DefaultYaml_WithInvalidBranch_Throws()
    {
        Should.Throw<ArgumentException>(() => ProjectConfigParser.DefaultYaml("a..b"))
            .Message.ShouldContain("it contains '..'");
    }
}
