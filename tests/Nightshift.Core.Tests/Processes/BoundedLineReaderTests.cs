using Nightshift.Core.Processes;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Processes;

public sealed class BoundedLineReaderTests
{
    [Theory]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("a\r\nb", new[] { "a", "b" })]
    [InlineData("a\rb\r\n\nc", new[] { "a", "b", "", "c" })]
    [InlineData("", new string[0])]
    public async Task ReadLine_EndsLinesAsTextReaderDoes(string text, string[] expected) =>
        (await ReadAllAsync(text)).ShouldBe(expected);

    [Fact]
    public async Task ALineLongerThanTheLimit_ComesOutInPiecesOfTheLimit()
    {
        var text = new string('x', (BoundedLineReader.MaxLineLength * 2) + 10) + "\nend";

        var lines = await ReadAllAsync(text);

        lines.Select(l => l.Length).ShouldBe([BoundedLineReader.MaxLineLength, BoundedLineReader.MaxLineLength, 10, 3]);
    }

    private static async Task<List<string>> ReadAllAsync(string text)
    {
        var reader = new BoundedLineReader(new StringReader(text));
        var lines = new List<string>();
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            lines.Add(line);
        }
        return lines;
    }
}
