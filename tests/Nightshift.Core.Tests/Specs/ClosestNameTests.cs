using Nightshift.Core.Specs;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Specs;

public sealed class ClosestNameTests
{
    private static readonly string[] Fields = ["title", "name", "priority", "depends_on", "max_retries", "timeout", "labels"];

    [Theory]
    [InlineData("dependsOn", "depends_on")]
    [InlineData("depends-on", "depends_on")]
    [InlineData("Title", "title")]
    [InlineData("titel", "title")]
    [InlineData("priorty", "priority")]
    [InlineData("label", "labels")]
    [InlineData("retries", "max_retries")]
    [InlineData("timeouts", "timeout")]
    public void Find_WithNearMiss_ReturnsTheKnownName(string input, string expected)
    {
        ClosestName.Find(input, Fields).ShouldBe(expected);
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("x")]
    [InlineData("description")]
    public void Find_WithNothingClose_ReturnsNull(string input)
    {
        ClosestName.Find(input, Fields).ShouldBeNull();
    }

    [Theory]
    [InlineData(new[] { "a" }, "a")]
    [InlineData(new[] { "a", "b" }, "a or b")]
    [InlineData(new[] { "a", "b", "c" }, "a, b or c")]
    public void OneOf_JoinsChoicesForAMessage(string[] choices, string expected)
    {
        ClosestName.OneOf(choices).ShouldBe(expected);
    }
}
