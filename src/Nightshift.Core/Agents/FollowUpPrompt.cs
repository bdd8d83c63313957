namespace Nightshift.Core.Agents;

/// <summary>
/// What an agent hears when it goes on after a turn: only the new part when it continues a session
/// that already holds the task, otherwise the whole task again with the new part after it, since
/// a fresh session knows nothing of what came before. The engine's fix-up turns and the next turns
/// of runtimes that run one prompt per process both compose it here, so the rule is one rule.
/// </summary>
public static class FollowUpPrompt
{
    public static string Compose(bool continuesSession, string task, string addition) =>
        continuesSession ? addition : $"{task}\n\n{addition}";

    /// <summary>Comments from the developer as one block of feedback to address.</summary>
    public static string Feedback(IEnumerable<string> comments) =>
        "## Feedback to address\n\n" + string.Join("\n\n", comments);
}
