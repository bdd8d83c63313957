namespace Nightshift.Server.Dashboard.Review;

/// <summary>One file of a unified diff: its paths, what happened to it, and its hunks.</summary>
public sealed class DiffFile
{
    /// <summary>The path before the change; null for an added file.</summary>
    public string? OldPath { get; set; }

    /// <summary>The path after the change; null for a deleted file.</summary>
    public string? NewPath { get; set; }

    public DiffFileChange Change { get; set; }

    /// <summary>Git said "Binary files … differ": there are no lines to show.</summary>
    public bool IsBinary { get; set; }

    public List<DiffHunk> Hunks { get; } = [];

    /// <summary>The path to show and to comment on: the new one, or the old one for a deleted file.</summary>
    public string Path => NewPath ?? OldPath ?? string.Empty;

    public int Added => Hunks.Sum(h => h.Lines.Count(l => l.Kind == DiffLineKind.Added));

    public int Removed => Hunks.Sum(h => h.Lines.Count(l => l.Kind == DiffLineKind.Removed));

    public int LineCount => Hunks.Sum(h => h.Lines.Count);
}
