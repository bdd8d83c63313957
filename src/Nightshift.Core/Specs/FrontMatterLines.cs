namespace Nightshift.Core.Specs;

/// <summary>Finds the line of a top-level front-matter key, for errors found after parsing.</summary>
public static class FrontMatterLines
{
    /// <summary>The 1-based line of <c>field:</c> in the front matter, or 1 when the spec does not set it.</summary>
    public static int LineOf(string specText, string field)
    {
        var lines = specText.Split('\n');
        if (lines.Length == 0 || lines[0].TrimStart('\uFEFF').TrimEnd('\r') != "---")
        {
            return 1;
        }
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line == "---")
            {
                break;
            }
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return i + 1;
            }
        }
        return 1;
    }
}
