using Nightshift.Core.Specs;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Specs;

public sealed class SpecParserErrorTests
{
    /// <summary>One bad field value each: where the single error must point, its field and what it must say.</summary>
    public static TheoryData<string, string, int, int, string, string> BadFieldValues => new()
    {
        {
            "misspelled priority",
            """
            ---
            title: T
            priority: hgh
            ---
            Do it.
            """,
            3, 11, "priority", "'hgh' is not a priority; use low, normal, high or urgent"
        },
        {
            "plan as a boolean",
            """
            ---
            title: T
            plan: true
            ---
            Do it.
            """,
            3, 7, "plan", "'true' is not a plan mode; use required or off"
        },
        {
            "agent_config with an unknown value",
            """
            ---
            title: T
            agent_config: shared
            ---
            Do it.
            """,
            3, 15, "agent_config", "'shared' is not an agent configuration; use user or isolated"
        },
        {
            "timeout with unknown unit",
            """
            ---
            title: T
            timeout: 90x
            ---
            Do it.
            """,
            3, 10, "timeout", "'90x' has the unknown unit 'x'; use d, h, m or s"
        },
        {
            "timeout with units out of order",
            """
            ---
            title: T
            timeout: 30m1h
            ---
            Do it.
            """,
            3, 10, "timeout", "write the largest first"
        },
        {
            "timeout over a week",
            """
            ---
            title: T
            timeout: 8d
            ---
            Do it.
            """,
            3, 10, "timeout", "'8d' is longer than the limit of 7d; use 7d or less"
        },
        {
            "timeout without unit",
            """
            ---
            title: T
            timeout: 30
            ---
            Do it.
            """,
            3, 10, "timeout", "'30' has no unit after 30; add d, h, m or s"
        },
        {
            "max_retries out of range",
            """
            ---
            title: T
            max_retries: 25
            ---
            Do it.
            """,
            3, 14, "max_retries", "25 is out of range; use a number from 0 to 20"
        },
        {
            "max_retries in words",
            """
            ---
            title: T
            max_retries: three
            ---
            Do it.
            """,
            3, 14, "max_retries", "'three' is not a whole number; use a number from 0 to 20"
        },
        {
            "title as a list",
            """
            ---
            title: [Fix, login]
            ---
            Do it.
            """,
            2, 8, "title", "must be a single value, not a list"
        },
        {
            "model as a mapping",
            """
            ---
            title: T
            model:
              name: gpt-5
            ---
            Do it.
            """,
            4, 3, "model", "must be a single value, not a mapping"
        },
        {
            "key with no value",
            """
            ---
            title: T
            model:
            ---
            Do it.
            """,
            3, 1, "model", "has no value; give it one or remove the line"
        },
        {
            "branch name with two dots",
            """
            ---
            title: T
            base: feature..login
            ---
            Do it.
            """,
            3, 7, "base", "'feature..login' is not a valid branch name: it contains '..'"
        },
        {
            "name with capitals and a space",
            """
            ---
            title: T
            name: Fix Login
            ---
            Do it.
            """,
            3, 7, "name", "may only contain lowercase letters, digits and dashes; try 'fix-login'"
        },
        {
            "name of digits only",
            """
            ---
            title: T
            name: "123"
            ---
            Do it.
            """,
            3, 7, "name", "is all digits, which reads as a task id"
        },
        {
            "name too long",
            $"""
            ---
            title: T
            name: {new string('a', 65)}
            ---
            Do it.
            """,
            3, 7, "name", "is 65 characters long; use at most 64"
        },
        {
            "agent almost right",
            """
            ---
            title: T
            agent: claude
            ---
            Do it.
            """,
            3, 8, "agent", "'claude' is not a known agent; did you mean 'claude-code'?"
        },
        {
            "command with another agent",
            """
            ---
            title: T
            agent: codex
            command: make
            ---
            Do it.
            """,
            4, 1, "command", "is only used by the 'command' agent, but agent is 'codex'"
        },
        {
            "dependency on id zero",
            """
            ---
            title: T
            depends_on:
              - 3
              - 0
            ---
            Do it.
            """,
            5, 5, "depends_on", "'0' is not a task id; ids are positive numbers"
        },
        {
            "dependency written with a hash",
            """
            ---
            title: T
            depends_on: ["#12"]
            ---
            Do it.
            """,
            3, 14, "depends_on", "write ids as plain positive numbers, e.g. 12"
        },
        {
            "dependency that is neither id nor name",
            """
            ---
            title: T
            depends_on: [Set up DB]
            ---
            Do it.
            """,
            3, 14, "depends_on", "entries are task ids (e.g. 12) or task names (e.g. fix-login)"
        },
        {
            "dependency on itself",
            """
            ---
            title: T
            name: build
            depends_on: [build]
            ---
            Do it.
            """,
            4, 14, "depends_on", "a task cannot depend on itself"
        },
        {
            "check written as a mapping",
            """
            ---
            title: T
            checks:
              - run: npm test
            ---
            Do it.
            """,
            4, 5, "checks", "each entry must be a command, not a mapping"
        },
        {
            "empty label",
            """
            ---
            title: T
            labels: [ui, ""]
            ---
            Do it.
            """,
            3, 14, "labels", "has an empty entry"
        },
        {
            "title of blanks",
            """
            ---
            title: "  "
            ---
            Do it.
            """,
            2, 8, "title", "is empty; give it a value or remove the line"
        },
    };

    [Theory]
    [MemberData(nameof(BadFieldValues))]
    public void Parse_WithBadFieldValue_ReportsLineFieldAndWhatToDo(string because, string text, int line, int column, string field, string message)
    {
        var result = SpecParser.Parse(text, "spec.md");

        result.ShouldBeSingleError(because, line, column, field, message);
    }

    [Fact]
    public void Parse_WithUnknownField_SuggestsClosestName()
    {
        var result = SpecParser.Parse("---\ntitle: T\nlabel: [a]\n---\nDo it.\n", "t.md");

        result.Errors.ShouldHaveSingleItem().Message.ShouldBe("'label' is not a known field; did you mean 'labels'?");
    }

    [Fact]
    public void Parse_WithSeveralProblems_ReportsAllInLineOrder()
    {
        const string text = """
            ---
            title: T
            priority: hgh
            timeout: 2 h
            colour: blue
            priority: low
            ---
            """;

        var errors = SpecParser.Parse(text, "t.md").Errors;

        errors.Select(e => (e.Line, e.Field)).ShouldBe(
        [
            (3, "priority"),
            (4, "timeout"),
            (5, "colour"),
            (6, "priority"),
            (7, "body"),
        ]);
    }

    [Fact]
    public void Parse_WithYamlSyntaxError_StillChecksTheBody()
    {
        var errors = SpecParser.Parse("---\ntitle: [\n---\n\n", "t.md").Errors;

        errors.Select(e => e.Field).ShouldBe(["front matter", "body"]);
    }

    [Fact]
    public void Parse_WithDependencyListedTwice_ReportsTheSecond()
    {
        var error = SpecParser.Parse("---\ntitle: T\ndepends_on: [4, fix-db, \"04\"]\n---\nDo it.\n", "t.md").Errors.ShouldHaveSingleItem();

        error.Message.ShouldBe("'04' is listed twice; remove one");
        error.Column.ShouldBe(25);
    }

    [Fact]
    public void Parse_WithMultiLineTitle_AsksForOneLine()
    {
        var error = SpecParser.Parse("---\ntitle: |\n  one\n  two\n---\nDo it.\n", "t.md").Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("title");
        error.Message.ShouldBe("must be on one line; join the lines or shorten it");
    }

    [Fact]
    public void Errors_ReadAsFileLineColumnFieldMessage()
    {
        var error = SpecParser.Parse("---\ntitle: T\npriority: hgh\n---\nDo it.\n", "tasks/fix.md").Errors.ShouldHaveSingleItem();

        error.ToString().ShouldBe("tasks/fix.md:3:11: priority: 'hgh' is not a priority; use low, normal, high or urgent");
    }
}
