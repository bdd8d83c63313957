using Nightshift.Core.Specs;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Specs;

public sealed class SpecParserTests
{
    private const string FullSpec = """
        ---
        title: Fix the login form
        name: fix-login
        agent: command
        model: gpt-5
        priority: high
        base: release/2.0
        depends_on: [12, setup-db]
        command: ./scripts/fix-login.sh
        checks:
          - dotnet test
          - npm run lint
        plan: required
        max_retries: 3
        timeout: 1h30m
        labels: [auth, frontend]
        agent_config: isolated
        ---

        # Fix the login form

        The submit button stays disabled after a failed attempt.
        Re-enable it and add a test.

        """;

    [Fact]
    public void Parse_WithEveryField_ReadsThemAll()
    {
        var result = SpecParser.Parse(FullSpec, "fix-login.md");

        result.Errors.ShouldBeEmpty();
        result.IsValid.ShouldBeTrue();
        var spec = result.Spec.ShouldNotBeNull();
        spec.Title.ShouldBe("Fix the login form");
        spec.Name.ShouldBe("fix-login");
        spec.Agent.ShouldBe("command");
        spec.Model.ShouldBe("gpt-5");
        spec.Priority.ShouldBe(Priority.High);
        spec.Base.ShouldBe("release/2.0");
        spec.DependsOn.ShouldBe(["12", "setup-db"]);
        spec.Command.ShouldBe("./scripts/fix-login.sh");
        spec.Checks.ShouldBe(["dotnet test", "npm run lint"]);
        spec.Plan.ShouldBe(PlanMode.Required);
        spec.MaxRetries.ShouldBe(3);
        spec.Timeout.ShouldBe(TimeSpan.FromMinutes(90));
        spec.Labels.ShouldBe(["auth", "frontend"]);
        spec.AgentConfig.ShouldBe(AgentConfigMode.Isolated);
        spec.Body.ShouldBe("# Fix the login form\n\nThe submit button stays disabled after a failed attempt.\nRe-enable it and add a test.");
    }

    [Fact]
    public void Parse_WithoutFrontMatter_TakesTitleFromFirstHeading()
    {
        var result = SpecParser.Parse("Intro line.\n\n# Add dark mode\n\nUse the system setting.\n", "dark.md");

        result.Spec.ShouldNotBeNull().Title.ShouldBe("Add dark mode");
    }

    [Fact]
    public void Parse_WithTitleInFrontMatter_PrefersItOverTheHeading()
    {
        var result = SpecParser.Parse("---\ntitle: From front matter\n---\n# From heading\n\nDo it.\n", "t.md");

        result.Spec.ShouldNotBeNull().Title.ShouldBe("From front matter");
    }

    [Theory]
    [InlineData("# Title #\n\nDo it.", "Title")]
    [InlineData("   #   Spaced out   \n\nDo it.", "Spaced out")]
    [InlineData("## Not level one\n\n# Level one\n\nDo it.", "Level one")]
    [InlineData("```\n# in a code fence\n```\n\n# Real title\n\nDo it.", "Real title")]
    [InlineData("# C# is a language\n\nDo it.", "C# is a language")]
    public void Parse_WithHeadings_TakesTitleFromFirstLevelOneHeading(string body, string title)
    {
        var result = SpecParser.Parse(body, "t.md");

        result.Spec.ShouldNotBeNull().Title.ShouldBe(title);
    }

    [Fact]
    public void Parse_WithOnlyTitleAndBody_LeavesEverythingElseToDefaults()
    {
        var result = SpecParser.Parse("# Tidy up\n\nRemove dead code.\n", "tidy.md");

        var spec = result.Spec.ShouldNotBeNull();
        spec.Name.ShouldBeNull();
        spec.Agent.ShouldBeNull();
        spec.Model.ShouldBeNull();
        spec.Priority.ShouldBe(Priority.Normal);
        spec.Base.ShouldBeNull();
        spec.DependsOn.ShouldBeEmpty();
        spec.Command.ShouldBeNull();
        spec.Checks.ShouldBeEmpty();
        spec.Plan.ShouldBe(PlanMode.Off);
        spec.MaxRetries.ShouldBeNull();
        spec.Timeout.ShouldBeNull();
        spec.Labels.ShouldBeEmpty();
        spec.Body.ShouldBe("# Tidy up\n\nRemove dead code.");
    }

    [Fact]
    public void Parse_WithEmptyFrontMatter_IsValid()
    {
        var result = SpecParser.Parse("---\n# only a comment\n---\n# Title\n\nDo it.\n", "t.md");

        result.IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Parse_WithSingleValuesForLists_ReadsListsOfOne()
    {
        var result = SpecParser.Parse("---\ndepends_on: 7\nchecks: make test\nlabels: backend\n---\n# T\n\nDo it.\n", "t.md");

        var spec = result.Spec.ShouldNotBeNull();
        spec.DependsOn.ShouldBe(["7"]);
        spec.Checks.ShouldBe(["make test"]);
        spec.Labels.ShouldBe(["backend"]);
    }

    [Fact]
    public void Parse_WithEmptyListKeys_ReadsEmptyLists()
    {
        var result = SpecParser.Parse("---\ndepends_on:\nchecks: []\nlabels:\n---\n# T\n\nDo it.\n", "t.md");

        result.Errors.ShouldBeEmpty();
        result.Spec.ShouldNotBeNull().DependsOn.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_WithZeroPaddedIds_ReadsThemAsPlainNumbers()
    {
        var result = SpecParser.Parse("---\ndepends_on: [\"007\", 12]\n---\n# T\n\nDo it.\n", "t.md");

        result.Spec.ShouldNotBeNull().DependsOn.ShouldBe(["7", "12"]);
    }

    [Theory]
    [InlineData("HIGH", Priority.High)]
    [InlineData("Urgent", Priority.Urgent)]
    [InlineData("low", Priority.Low)]
    [InlineData("normal", Priority.Normal)]
    public void Parse_WithPriorityInAnyCase_ReadsIt(string text, Priority expected)
    {
        var result = SpecParser.Parse($"---\npriority: {text}\n---\n# T\n\nDo it.\n", "t.md");

        result.Spec.ShouldNotBeNull().Priority.ShouldBe(expected);
    }

    [Theory]
    [InlineData("off", PlanMode.Off)]
    [InlineData("Required", PlanMode.Required)]
    public void Parse_WithPlanMode_ReadsIt(string text, PlanMode expected)
    {
        var result = SpecParser.Parse($"---\nplan: {text}\n---\n# T\n\nDo it.\n", "t.md");

        result.Spec.ShouldNotBeNull().Plan.ShouldBe(expected);
    }

    [Fact]
    public void Parse_WithCommandAndNoAgent_AcceptsTheCommand()
    {
        var result = SpecParser.Parse("---\ncommand: |\n  make build\n  make test\n---\n# T\n\nRun the build.\n", "t.md");

        result.Spec.ShouldNotBeNull().Command.ShouldBe("make build\nmake test\n");
    }

    [Fact]
    public void Parse_WithAnchorAndAlias_ResolvesTheAlias()
    {
        var result = SpecParser.Parse("---\nlabels: &tags [a, b]\nchecks: *tags\n---\n# T\n\nDo it.\n", "t.md");

        result.Spec.ShouldNotBeNull().Checks.ShouldBe(["a", "b"]);
    }

    [Fact]
    public void Parse_WithCrLfAndByteOrderMark_ReadsLikeLf()
    {
        var lf = FullSpec;
        var crlf = "\uFEFF" + lf.Replace("\n", "\r\n", StringComparison.Ordinal);

        var result = SpecParser.Parse(crlf, "fix-login.md");

        result.Errors.ShouldBeEmpty();
        result.Spec.ShouldNotBeNull().Body.ShouldBe(SpecParser.Parse(lf, "fix-login.md").Spec!.Body);
        result.Spec.Checks.ShouldBe(["dotnet test", "npm run lint"]);
    }

    [Fact]
    public void Parse_WithCrLf_ReportsTheSameLinesAsLf()
    {
        var text = "\uFEFF---\r\ntitle: T\r\npriority: hgh\r\n---\r\nDo it.\r\n";

        var error = SpecParser.Parse(text, "t.md").Errors.ShouldHaveSingleItem();

        error.Line.ShouldBe(3);
        error.Column.ShouldBe(11);
    }

    [Fact]
    public void Parse_TrimsBlankLinesAroundTheBodyButKeepsItsInside()
    {
        var result = SpecParser.Parse("---\ntitle: T\n---\n\n  \n  Indented first line.\n\n\nLast line.  \n\n \n", "t.md");

        result.Spec.ShouldNotBeNull().Body.ShouldBe("  Indented first line.\n\n\nLast line.  ");
    }
}
