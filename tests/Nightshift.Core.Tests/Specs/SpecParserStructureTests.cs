using Nightshift.Core.Specs;
using Xunit;

namespace Nightshift.Core.Tests.Specs;

/// <summary>Specs whose shape is wrong: unknown or repeated keys, broken YAML or front matter, no title, no instruction.</summary>
public sealed class SpecParserStructureTests
{
    /// <summary>One malformed spec each: where the single error must point, its field and what it must say.</summary>
    public static TheoryData<string, string, int, int, string, string> MalformedSpecs => new()
    {
        {
            "misspelled field",
            """
            ---
            title: T
            dependson: [3]
            ---
            Do it.
            """,
            3, 1, "dependson", "'dependson' is not a known field; did you mean 'depends_on'?"
        },
        {
            "camel-cased field",
            """
            ---
            title: T
            maxRetries: 2
            ---
            Do it.
            """,
            3, 1, "maxRetries", "did you mean 'max_retries'?"
        },
        {
            "field nothing like a known one",
            """
            ---
            title: T
            owner: me
            ---
            Do it.
            """,
            3, 1, "owner", "'owner' is not a known field; known fields: title, name, agent, model,"
        },
        {
            "duplicate key",
            """
            ---
            title: T
            priority: low
            priority: high
            ---
            Do it.
            """,
            4, 1, "priority", "is set twice (first on line 3); keep one"
        },
        {
            "front matter that is a list",
            """
            ---
            - title
            - name
            ---
            Do it.
            """,
            2, 1, "front matter", "must be 'key: value' lines, one field per line, not a list"
        },
        {
            "unquoted colon in a value",
            """
            ---
            title: Fix: login
            ---
            Do it.
            """,
            2, 11, "front matter", "quote values that contain ': '"
        },
        {
            "unclosed flow list",
            """
            ---
            title: T
            labels: [a, b
            ---
            Do it.
            """,
            4, 1, "front matter", "check the YAML syntax"
        },
        {
            "alias without anchor",
            """
            ---
            title: T
            labels: *tags
            ---
            Do it.
            """,
            3, 9, "front matter", "the alias '*tags' has no anchor '&tags' before it; define the anchor first"
        },
        {
            "second YAML document",
            """
            ---
            title: T
            ...
            name: x
            ---
            Do it.
            """,
            4, 1, "front matter", "found a second YAML document; keep all fields in one document"
        },
        {
            "front matter never closed",
            """
            ---
            title: T

            Do it.
            """,
            1, 1, "front matter", "starts with '---' on line 1 but is never closed; add a '---' line"
        },
        {
            "no title anywhere",
            """
            ---
            priority: low
            ---
            Do it.
            """,
            1, 1, "title", "is missing; add 'title: ...' to the front matter or start the body with a '# Title' heading"
        },
        {
            "empty body",
            """
            ---
            title: T
            ---


            """,
            4, 1, "body", "is empty; write what the agent should do"
        },
        {
            "body that is only its title",
            """
            ---
            priority: low
            ---

            # Only a heading
            """,
            5, 1, "body", "has only a title heading; write what the agent should do under it"
        },
    };

    [Theory]
    [MemberData(nameof(MalformedSpecs))]
    public void Parse_WithMalformedSpec_ReportsLineFieldAndWhatToDo(string because, string text, int line, int column, string field, string message)
    {
        var result = SpecParser.Parse(text, "spec.md");

        result.ShouldBeSingleError(because, line, column, field, message);
    }
}
