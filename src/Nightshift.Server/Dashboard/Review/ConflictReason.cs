namespace Nightshift.Server.Dashboard.Review;

/// <summary>Reads the merge queue's conflict reason back into the files it names.</summary>
public static class ConflictReason
{
    /// <summary>The files a merge conflict names ("conflicts with main in: a.txt, b.txt"); empty when the reason names none.</summary>
    public static IReadOnlyList<string> Files(string? reason)
    {
        const string marker = " in: ";
        var at = reason?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        return at < 0 ? [] : [.. reason![(at + marker.Length)..].Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
