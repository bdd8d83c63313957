namespace Nightshift.Server.Dashboard.Review;

/// <summary>A run of a line's text with one colour class (null: plain).</summary>
public readonly record struct CodeToken(string Text, string? Class);
