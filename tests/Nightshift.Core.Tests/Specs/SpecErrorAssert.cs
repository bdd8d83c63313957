using Nightshift.Core.Specs;
using Shouldly;

namespace Nightshift.Core.Tests.Specs;

/// <summary>The one shape every refused spec must have: not valid, no spec, exactly one error where and about what the test says.</summary>
internal static class SpecErrorAssert
{
    public static void ShouldBeSingleError(this SpecParseResult result, string because, int line, int column, string field, string message)
    {
        result.IsValid.ShouldBeFalse(because);
        result.Spec.ShouldBeNull(because);
        var error = result.Errors.ShouldHaveSingleItem(because);
        error.File.ShouldBe("spec.md");
        error.Field.ShouldBe(field, because);
        error.Message.ShouldContain(message, Case.Sensitive, because);
        (error.Line, error.Column).ShouldBe((line, column), because);
    }
}
