using Nightshift.Core.Projects;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Projects;

/// <summary><c>models:</c> in project.yml: per agent, the model its tasks use when their spec names none.</summary>
public sealed class ProjectModelsTests
{
    [Fact]
    public void Parse_ReadsAModelPerAgent()
    {
        var result = ProjectConfigParser.Parse("models:\n  claude-code: sonnet\n  codex: gpt-5\n  opencode: nightshift/scripted\n", "project.yml");

        result.Errors.ShouldBeEmpty();
        result.Config!.Models.ShouldBe(new Dictionary<string, string> { ["claude-code"] = "sonnet", ["codex"] = "gpt-5", ["opencode"] = "nightshift/scripted" }, ignoreOrder: true);
    }

    [Fact]
    public void Parse_TakesTheFlowForm() =>
        ProjectConfigParser.Parse("models: { claude-code: sonnet, gemini: gemini-2.5-pro }\n", "project.yml").Config!.Models["gemini"].ShouldBe("gemini-2.5-pro");

    [Fact]
    public void Parse_WithoutModels_LeavesEveryAgentOnItsCliDefault() =>
        ProjectConfigParser.Parse("default_agent: codex\n", "project.yml").Config!.Models.ShouldBeEmpty();

    [Theory]
    [InlineData("models:\n  claude-cod: sonnet\n", "models.claude-cod", "did you mean 'claude-code'?")]
    [InlineData("models:\n  command: sonnet\n", "models.command", "has no model")]
    [InlineData("models:\n  codex:\n", "models.codex", "must be one model name")]
    [InlineData("models:\n  codex: [a, b]\n", "models.codex", "must be one model name")]
    [InlineData("models: sonnet\n", "models", "must be 'agent: model' lines")]
    [InlineData("models:\n  - sonnet\n", "models", "must be 'agent: model' lines")]
    public void Parse_WithABadModelsEntry_SaysWhereAndWhat(string yaml, string field, string message)
    {
        var result = ProjectConfigParser.Parse(yaml, "project.yml");

        result.Config.ShouldBeNull();
        var error = result.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe(field);
        error.Message.ShouldContain(message);
        error.Line.ShouldBeGreaterThan(0);
    }
}
