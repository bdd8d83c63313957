using Nightshift.Core.Specs;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Specs;

public sealed class TaskNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("fix-login")]
    [InlineData("v2")]
    [InlineData("2fa-setup")]
    [InlineData("a-b-c-1-2-3")]
    public void IsValid_WithLowercaseLettersDigitsAndDashes_Accepts(string name)
    {
        TaskName.IsValid(name, out var reason).ShouldBeTrue(reason);
    }

    [Fact]
    public void IsValid_WithSixtyFourCharacters_Accepts()
    {
        TaskName.IsValid(new string('x', 64), out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("", "a name cannot be empty")]
    [InlineData("Fix Login", "'Fix Login' may only contain lowercase letters, digits and dashes; try 'fix-login'")]
    [InlineData("fix_login", "try 'fix-login'")]
    [InlineData("42", "'42' is all digits, which reads as a task id; add a letter, e.g. 'task-42'")]
    [InlineData("-fix", "'-fix' must start and end with a letter or digit; try 'fix'")]
    [InlineData("fix-", "must start and end with a letter or digit")]
    [InlineData("!!!", "may only contain lowercase letters, digits and dashes")]
    public void IsValid_WithBadName_SaysWhatToDo(string name, string reason)
    {
        TaskName.IsValid(name, out var why).ShouldBeFalse();

        why.ShouldContain(reason);
    }

    [Fact]
    public void IsValid_WithSixtyFiveCharacters_Rejects()
    {
        TaskName.IsValid(new string('x', 65), out var why).ShouldBeFalse();

        why.ShouldEndWith("is 65 characters long; use at most 64");
    }
}
