using Nightshift.Core.Specs;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Specs;

public sealed class DurationParserTests
{
    public static TheoryData<string, TimeSpan> Valid => new()
    {
        { "45s", TimeSpan.FromSeconds(45) },
        { "30m", TimeSpan.FromMinutes(30) },
        { "2h", TimeSpan.FromHours(2) },
        { "1d", TimeSpan.FromDays(1) },
        { "1h30m", TimeSpan.FromMinutes(90) },
        { "1d2h3m4s", new TimeSpan(1, 2, 3, 4) },
        { "2h15s", new TimeSpan(2, 0, 15) },
        { "90m", TimeSpan.FromMinutes(90) },
        { "0h5m", TimeSpan.FromMinutes(5) },
        { "7d", TimeSpan.FromDays(7) },
        { "6d23h59m59s", TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1) },
        { "  10m  ", TimeSpan.FromMinutes(10) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_WithValidDuration_ReadsIt(string text, TimeSpan expected)
    {
        DurationParser.TryParse(text, out var value, out var reason).ShouldBeTrue(reason);

        value.ShouldBe(expected);
        reason.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("", "the duration is empty")]
    [InlineData("30", "'30' has no unit after 30")]
    [InlineData("1h30", "'1h30' has no unit after 30")]
    [InlineData("h", "'h' is not a duration")]
    [InlineData("-5m", "'-5m' is not a duration")]
    [InlineData("5x", "'5x' has the unknown unit 'x'")]
    [InlineData("1w", "'1w' has the unknown unit 'w'")]
    [InlineData("2H", "units are lowercase")]
    [InlineData("1.5h", "use whole numbers of smaller units, e.g. 1h30m")]
    [InlineData("1h 30m", "'1h 30m' has a space; write the parts together")]
    [InlineData("2 h", "'2 h' has a space")]
    [InlineData("30m1h", "write the largest first")]
    [InlineData("1h1h", "repeats a unit")]
    [InlineData("0s", "'0s' is zero")]
    [InlineData("0d0h", "is zero")]
    [InlineData("8d", "'8d' is longer than the limit of 7d")]
    [InlineData("7d1s", "longer than the limit of 7d")]
    [InlineData("99999999999999999999s", "longer than the limit of 7d")]
    public void TryParse_WithBadDuration_SaysWhatIsWrong(string text, string reason)
    {
        DurationParser.TryParse(text, out var value, out var why).ShouldBeFalse();

        value.ShouldBe(TimeSpan.Zero);
        why.ShouldContain(reason);
    }
}
