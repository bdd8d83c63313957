using Nightshift.Cli.Terminal;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

public sealed class PagerTests
{
    [Theory]
    [InlineData(null, null, "less -R -F -X")]
    [InlineData(null, "more", "more")]
    [InlineData("less -S", "more", "less -S")]
    [InlineData("cat", "more", null)]
    [InlineData("", "more", null)]
    public void ThePager_IsNightshiftsOwnThenThePagerVariableThenLess_AndCatOrNothingMeansNone(string? own, string? pager, string? expected)
    {
        var env = new Dictionary<string, string?> { [Pager.Variable] = own, ["PAGER"] = pager };

        Pager.Command(name => env.GetValueOrDefault(name)).ShouldBe(expected);
    }

    [Fact]
    public async Task ThePager_GetsTheOutputWithItsColours()
    {
        using var folder = new TempDirectory("pager");
        var shown = Path.Combine(folder.Path, "shown.txt");

        var paged = await Pager.ShowAsync($"cat > '{shown}'", o => o.Markup($"[green]+added line[/]", "+added line"), TestContext.Current.CancellationToken);

        paged.ShouldBeTrue();
        var text = await File.ReadAllTextAsync(shown, TestContext.Current.CancellationToken);
        text.ShouldContain("+added line");
        text.ShouldContain("\u001b[32m", customMessage: "the diff keeps its colours in the pager (less -R shows them)");
    }

    [Fact]
    public async Task APagerThatQuitsBeforeReadingEverything_EndsThePagingQuietly()
    {
        var lines = Enumerable.Range(0, 50_000).Select(i => $"line {i}").ToList();

        var paged = await Pager.ShowAsync("true", o => lines.ForEach(l => o.Line(l)), TestContext.Current.CancellationToken);

        paged.ShouldBeTrue();
    }
}
