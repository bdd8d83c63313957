using Nightshift.Core.Projects;
using Nightshift.Core.Specs;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Specs;

/// <summary>
/// Thousands of generated specs from a fixed seed through the parser: none may crash it, and every
/// refusal names a field and a line inside the file. A failure names the seed and index to replay.
/// </summary>
public sealed class SpecParserFuzzTests
{
    private const int Seed = 20261203;
    private const int Count = 3_000;

    [Fact]
    public void Parse_OfGeneratedSpecs_NeverThrows_AndEveryRefusalNamesAFieldAndALine()
    {
        var fuzzer = new SpecFuzzer(Seed, SpecLimits.MaxSpecChars);
        var refused = 0;
        for (var i = 0; i < Count; i++)
        {
            var spec = fuzzer.Next();
            var because = $"seed {Seed}, spec {i}: {Preview(spec)}";
            var result = Should.NotThrow(() => SpecParser.Parse(spec, "fuzz.md"), because);
            if (result.IsValid)
            {
                result.Spec.ShouldNotBeNull(because);
                continue;
            }
            refused++;
            result.Errors.ShouldNotBeEmpty(because);
            ShouldAllNameAFieldAndALine(result.Errors, spec, because);
            var project = Should.NotThrow(() => ProjectConfigParser.Parse(spec, "project.yml"), because);
            ShouldAllNameAFieldAndALine(project.Errors, spec, because);
        }
        // The generator must exercise both sides, or it tests nothing.
        refused.ShouldBeGreaterThan(Count / 4);
        refused.ShouldBeLessThan(Count);
    }

    private static void ShouldAllNameAFieldAndALine(IReadOnlyList<SpecError> errors, string spec, string because)
    {
        var lines = spec.Count(c => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085') + 1;
        foreach (var error in errors)
        {
            error.Field.ShouldNotBeNullOrWhiteSpace(because);
            error.Message.ShouldNotBeNullOrWhiteSpace(because);
            error.Line.ShouldBeInRange(1, lines + 1, $"{because}\n{error}");
        }
    }

    private static string Preview(string spec) =>
        spec.Length <= 300 ? spec.ReplaceLineEndings("⏎") : spec[..300].ReplaceLineEndings("⏎") + $"… ({spec.Length} chars)";
}
