using Nightshift.Core.Projects;
using Nightshift.Core.Tasks;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Tasks;

public sealed class TaskFilterTests
{
    [Theory]
    [InlineData("InReview", TaskState.InReview)]
    [InlineData("inreview", TaskState.InReview)]
    [InlineData("in-review", TaskState.InReview)]
    [InlineData("needs_input", TaskState.NeedsInput)]
    [InlineData(" Queued ", TaskState.Queued)]
    public void ParseState_TakesAStateNameInAnyCase_WithOrWithoutSeparators(string text, TaskState expected) =>
        TaskFilter.ParseState(text).ShouldBe(expected);

    [Theory]
    [InlineData("Nope")]
    [InlineData("3")]
    [InlineData("Queued,Running")]
    public void ParseState_RefusesWhatIsNoStateName_ListingTheStates(string text)
    {
        var ex = Should.Throw<ArgumentException>(() => TaskFilter.ParseState(text));

        ex.Message.ShouldContain($"'{text}' is not a task state");
        ex.Message.ShouldContain(string.Join(", ", Enum.GetNames<TaskState>()));
    }

    [Fact]
    public void Parse_TakesBlankPartsAsAny()
    {
        TaskFilter.Parse(" ", "", null, "\t").IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Matches_TakesTheProjectByNameOrId_AndEachPartMustHold()
    {
        var filter = TaskFilter.Parse("running", "7", "docs", "builtin");

        filter.Matches(TaskState.Running, new ProjectId(7), "web", "builtin", ["docs", "ui"]).ShouldBeTrue();
        (filter with { Project = "web" }).Matches(TaskState.Running, new ProjectId(7), "web", "builtin", ["docs"]).ShouldBeTrue();
        filter.Matches(TaskState.Queued, new ProjectId(7), "web", "builtin", ["docs"]).ShouldBeFalse();
        filter.Matches(TaskState.Running, new ProjectId(8), "api", "builtin", ["docs"]).ShouldBeFalse();
        filter.Matches(TaskState.Running, new ProjectId(7), "web", "command", ["docs"]).ShouldBeFalse();
        filter.Matches(TaskState.Running, new ProjectId(7), "web", "builtin", ["ui"]).ShouldBeFalse();
    }
}
