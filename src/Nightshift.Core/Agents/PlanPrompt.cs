namespace Nightshift.Core.Agents;

/// <summary>
/// What an agent hears around a plan gate: before approval, to plan and stop; after, the plan a
/// human approved, to carry out. Every runtime gets the same words.
/// </summary>
public static class PlanPrompt
{
    public const string PlanFirst = """
        ## Plan first

        A human approves your plan before you change anything. In this turn, do not create, edit or delete files and do not run commands that change them: read what you need, then reply with your plan as your last message. Say which files you will change and how, in numbered steps, how you will check the result, and any question the plan depends on. If you have the update_plan tool, record the steps with it too. Then stop: you will hear when the plan is approved or what to change in it.
        """;

    /// <summary>The prompt of a planning run: the task and any feedback on an earlier plan, then the instruction to plan.</summary>
    public static string Planning(string prompt) => $"{prompt}\n\n{PlanFirst}";

    /// <summary>The approved plan, as it follows the task in every run after the approval.</summary>
    public static string Approved(string plan) => $"""
        ## Your plan was approved

        Carry it out now.

        {plan.Trim()}
        """;
}
