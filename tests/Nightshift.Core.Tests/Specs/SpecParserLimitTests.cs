using Nightshift.Core.Specs;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Specs;

/// <summary>Specs past a limit (nesting, size, title, command): refused as ordinary spec errors naming the field, the line and the limit.</summary>
public sealed class SpecParserLimitTests
{
    /// <summary>About 80 KB of '[': before the nesting limit this ran the reader's stack out and ended the process.</summary>
    private static readonly string DeepList = new string('[', 40_000) + new string(']', 40_000);

    [Theory]
    [InlineData("labels")]
    [InlineData("checks")]
    [InlineData("title")]
    [InlineData("priorty")]
    public void Parse_WithFortyThousandNestedLists_IsASpecErrorNamingTheFieldAndLine(string field)
    {
        var spec = $"---\ncommand: x\n{field}: {DeepList}\n---\n# T\n\nDo it.\n";

        var result = SpecParser.Parse(spec, "spec.md");

        var error = result.Errors.ShouldHaveSingleItem();
        result.Spec.ShouldBeNull();
        (error.File, error.Line, error.Field).ShouldBe(("spec.md", 3, field));
        error.Message.ShouldContain($"more than {SpecLimits.MaxYamlDepth} levels deep");
    }

    [Fact]
    public void Parse_WithNestedMappingsInsideALongBlockList_NamesTheLineWhereTheLimitIsPassed()
    {
        var spec = "---\ncommand: x\nchecks:\n  - make\n  - " + new string('{', 5_000) + "\n---\n# T\n\nDo it.\n";

        var error = SpecParser.Parse(spec, "spec.md").Errors.ShouldHaveSingleItem();

        (error.Line, error.Field).ShouldBe((5, "checks"));
        error.Message.ShouldContain("levels deep");
    }

    [Fact]
    public void Parse_NestedJustWithinTheLimit_IsJudgedOnItsShapeNotItsDepth()
    {
        // The root mapping is one level; the list under labels adds the rest.
        var depth = SpecLimits.MaxYamlDepth - 1;
        var spec = $"---\ncommand: x\nlabels: {new string('[', depth)}a{new string(']', depth)}\n---\n# T\n\nDo it.\n";

        var error = SpecParser.Parse(spec, "spec.md").Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("labels");
        error.Message.ShouldNotContain("levels deep");
        error.Message.ShouldContain("each entry must be a label");
    }

    [Fact]
    public void Parse_WithASpecOverTheSizeLimit_IsRefusedNamingTheLimit()
    {
        var spec = "---\ncommand: x\n---\n# T\n\n" + new string('x', SpecLimits.MaxSpecChars);

        SpecParser.Parse(spec, "spec.md").ShouldBeSingleError("an oversized spec", 1, 1, "spec", "SpecLimits.MaxSpecChars");
    }

    [Fact]
    public void Parse_WithASpecAtTheSizeLimit_IsAccepted()
    {
        var head = "---\ncommand: x\n---\n# T\n\n";
        var spec = head + new string('x', SpecLimits.MaxSpecChars - head.Length);

        SpecParser.Parse(spec, "spec.md").IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Parse_WithATitleOverTheLimit_IsRefusedAtTheTitle()
    {
        var spec = $"---\ncommand: x\ntitle: {new string('t', SpecLimits.MaxTitleChars + 1)}\n---\nDo it.\n";

        SpecParser.Parse(spec, "spec.md").ShouldBeSingleError("a long title", 3, 8, "title", "SpecLimits.MaxTitleChars");
    }

    [Fact]
    public void Parse_WithAHeadingTitleOverTheLimit_IsRefusedAtTheHeading()
    {
        var spec = $"---\ncommand: x\n---\n\n# {new string('t', SpecLimits.MaxTitleChars + 1)}\n\nDo it.\n";

        SpecParser.Parse(spec, "spec.md").ShouldBeSingleError("a long heading", 5, 1, "title", "SpecLimits.MaxTitleChars");
    }

    [Fact]
    public void Parse_WithATitleAtTheLimit_IsAccepted() =>
        SpecParser.Parse($"---\ncommand: x\ntitle: {new string('t', SpecLimits.MaxTitleChars)}\n---\nDo it.\n", "spec.md").IsValid.ShouldBeTrue();

    [Fact]
    public void Parse_WithACommandOverTheLimit_IsRefusedAtTheCommand()
    {
        var spec = $"---\ncommand: {new string('c', SpecLimits.MaxCommandChars + 1)}\n---\n# T\n\nDo it.\n";

        SpecParser.Parse(spec, "spec.md").ShouldBeSingleError("a long command", 2, 10, "command", "SpecLimits.MaxCommandChars");
    }

    [Fact]
    public void Parse_WithACheckOverTheCommandLimit_IsRefusedAtThatCheck()
    {
        var spec = $"---\ncommand: x\nchecks:\n  - make\n  - {new string('c', SpecLimits.MaxCommandChars + 1)}\n---\n# T\n\nDo it.\n";

        SpecParser.Parse(spec, "spec.md").ShouldBeSingleError("a long check", 5, 5, "checks", "SpecLimits.MaxCommandChars");
    }

    [Fact]
    public void Parse_WithALoneSurrogate_IsAnErrorAtItsLineAndColumn()
    {
        var spec = "---\ncommand: x\nlabels: [ok, a\uD8B1b]\n---\n# T\n\nDo it.\n";

        SpecParser.Parse(spec, "spec.md").ShouldBeSingleError("a lone surrogate", 3, 15, "front matter", "U+D8B1");
    }
}
