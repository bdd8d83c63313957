using Nightshift.Core.Projects;
using Nightshift.Core.Specs;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Projects;

public sealed class ProjectConfigParserTests
{
    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("# only comments\n# here\n")]
    [InlineData("\uFEFF")]
    public void Parse_WithEmptyFile_GivesDefaults(string yaml)
    {
        var result = ProjectConfigParser.Parse(yaml, "project.yml");

        result.IsValid.ShouldBeTrue();
        var config = result.Config.ShouldNotBeNull();
        config.DefaultAgent.ShouldBe("command");
        config.Setup.ShouldBeNull();
        config.Checks.ShouldBeEmpty();
        config.TargetBranch.ShouldBe("main");
        config.MergeStrategy.ShouldBe(MergeStrategy.Merge);
        config.Concurrency.ShouldBeNull();
    }

    [Fact]
    public void Parse_WithEveryKey_ReadsThemAll()
    {
        const string yaml = """
            default_agent: claude-code
            setup: |
              npm ci
              dotnet restore
            checks:
              - npm test
              - dotnet test
            target_branch: develop
            merge_strategy: Squash
            concurrency: 4
            """;

        var result = ProjectConfigParser.Parse(yaml, "project.yml");

        result.Errors.ShouldBeEmpty();
        var config = result.Config.ShouldNotBeNull();
        config.DefaultAgent.ShouldBe("claude-code");
        config.Setup.ShouldBe("npm ci\ndotnet restore\n");
        config.Checks.ShouldBe(["npm test", "dotnet test"]);
        config.TargetBranch.ShouldBe("develop");
        config.MergeStrategy.ShouldBe(MergeStrategy.Squash);
        config.Concurrency.ShouldBe(4);
    }

    [Theory]
    [InlineData("merge", MergeStrategy.Merge)]
    [InlineData("squash", MergeStrategy.Squash)]
    [InlineData("REBASE", MergeStrategy.Rebase)]
    public void Parse_WithMergeStrategy_ReadsItIgnoringCase(string text, MergeStrategy expected)
    {
        ProjectConfigParser.Parse($"merge_strategy: {text}\n", "p.yml").Config.ShouldNotBeNull().MergeStrategy.ShouldBe(expected);
    }

    [Theory]
    [InlineData("", AgentConfigMode.User)]
    [InlineData("agent_config: user\n", AgentConfigMode.User)]
    [InlineData("agent_config: isolated\n", AgentConfigMode.Isolated)]
    public void Parse_AgentConfig_IsTheUsersByDefault_OrIsolated(string yaml, AgentConfigMode expected)
    {
        ProjectConfigParser.Parse(yaml, "p.yml").Config.ShouldNotBeNull().AgentConfig.ShouldBe(expected);
    }

    [Fact]
    public void Parse_WithSingleCheck_ReadsAListOfOne()
    {
        ProjectConfigParser.Parse("checks: make test\r\n", "p.yml").Config.ShouldNotBeNull().Checks.ShouldBe(["make test"]);
    }

    [Theory]
    [InlineData("concurrency: 0\n", 1, 14, "concurrency", "0 is out of range; use a number from 1 to 64")]
    [InlineData("concurrency: 65\n", 1, 14, "concurrency", "65 is out of range; use a number from 1 to 64")]
    [InlineData("concurrency: lots\n", 1, 14, "concurrency", "'lots' is not a whole number; use a number from 1 to 64")]
    [InlineData("merge_strategy: ff\n", 1, 17, "merge_strategy", "'ff' is not a merge strategy; use merge, squash or rebase")]
    [InlineData("agent_config: clean\n", 1, 15, "agent_config", "'clean' is not an agent configuration; use user or isolated")]
    [InlineData("default_agent: Claude-Code\n", 1, 16, "default_agent", "did you mean 'claude-code'?")]
    [InlineData("target_branch: 'my branch'\n", 1, 16, "target_branch", "'my branch' is not a valid branch name: it contains a space")]
    [InlineData("setup:\n", 1, 1, "setup", "has no value; give it one or remove the line")]
    [InlineData("checks:\n  npm: test\n", 2, 3, "checks", "must be a list of commands")]
    [InlineData("checks:\n  - [a, b]\n", 2, 5, "checks", "each entry must be a command, not a list")]
    [InlineData("concurrency: 2\ntargetBranch: dev\n", 2, 1, "targetBranch", "did you mean 'target_branch'?")]
    [InlineData("concurrency: 2\nconcurrency: 3\n", 2, 1, "concurrency", "is set twice (first on line 1)")]
    [InlineData("- main\n", 1, 1, "project", "must be 'key: value' lines")]
    [InlineData("setup: \"unterminated\n", 1, 8, "project", "check the YAML syntax")]
    [InlineData("concurrency: 2\n---\nconcurrency: 3\n", 2, 1, "project", "found a second YAML document")]
    public void Parse_WithBadValue_ReportsLineKeyAndWhatToDo(string yaml, int line, int column, string field, string message)
    {
        var result = ProjectConfigParser.Parse(yaml, "project.yml");

        result.IsValid.ShouldBeFalse();
        result.Config.ShouldBeNull();
        var error = result.Errors.ShouldHaveSingleItem();
        error.File.ShouldBe("project.yml");
        error.Field.ShouldBe(field);
        error.Message.ShouldContain(message, Case.Sensitive);
        (error.Line, error.Column).ShouldBe((line, column));
    }

    [Fact]
    public void Parse_WithSeveralProblems_ReportsAll()
    {
        var errors = ProjectConfigParser.Parse("concurrency: 0\nmerge_strategy: ff\ncolor: red\n", "project.yml").Errors;

        errors.Select(e => e.ToString()).ShouldBe(
        [
            "project.yml:1:14: concurrency: 0 is out of range; use a number from 1 to 64",
            "project.yml:2:17: merge_strategy: 'ff' is not a merge strategy; use merge, squash or rebase",
            "project.yml:3:1: color: 'color' is not a known field; known fields: default_agent, setup, checks, target_branch, merge_strategy, concurrency, auto_merge_labels, keep_merged_worktrees, agent_config, models",
        ]);
    }

    [Fact]
    public void Parse_AutoMergeLabels_ReadsThePolicy_AndRefusesAMapping()
    {
        ProjectConfigParser.Parse("auto_merge_labels: [deps, docs]\n", "project.yml").Config!.AutoMergeLabels.ShouldBe(["deps", "docs"]);
        new ProjectConfig().AutoMergeLabels.ShouldBeEmpty();

        var bad = ProjectConfigParser.Parse("auto_merge_labels:\n  deps: yes\n", "project.yml");

        bad.IsValid.ShouldBeFalse();
        bad.Errors.ShouldHaveSingleItem().Field.ShouldBe("auto_merge_labels");
    }
}
