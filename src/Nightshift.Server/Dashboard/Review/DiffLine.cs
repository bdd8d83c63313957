namespace Nightshift.Server.Dashboard.Review;

/// <summary>
/// One line of a hunk, without its leading marker. A context line has both numbers, an added line
/// only <see cref="NewNumber"/>, a removed one only <see cref="OldNumber"/>.
/// </summary>
public sealed record DiffLine(DiffLineKind Kind, string Text, int? OldNumber, int? NewNumber)
{
    /// <summary>Git's "\ No newline at end of file" followed this line.</summary>
    public bool NoNewlineAtEnd { get; set; }
}
