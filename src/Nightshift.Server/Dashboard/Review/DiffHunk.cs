namespace Nightshift.Server.Dashboard.Review;

/// <summary>One "@@ -a,b +c,d @@ section" block of a file's diff.</summary>
public sealed record DiffHunk(int OldStart, int OldCount, int NewStart, int NewCount, string Section, IReadOnlyList<DiffLine> Lines)
{
    public string Header => $"@@ -{OldStart},{OldCount} +{NewStart},{NewCount} @@{(Section.Length > 0 ? " " + Section : string.Empty)}";
}
