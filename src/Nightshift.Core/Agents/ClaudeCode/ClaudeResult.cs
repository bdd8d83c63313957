namespace Nightshift.Core.Agents.ClaudeCode;

/// <summary>A <c>result</c> event: how one turn of the session ended.</summary>
/// <param name="IsError">The CLI flagged the turn as failed (an API error, too many turns, a budget).</param>
/// <param name="Subtype">success, error_during_execution, error_max_turns…</param>
/// <param name="Text">The final answer, or the error's text.</param>
internal sealed record ClaudeResult(bool IsError, string Subtype, string? Text);
