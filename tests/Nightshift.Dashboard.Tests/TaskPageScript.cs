using Nightshift.ScriptedModel;

namespace Nightshift.Dashboard.Tests;

/// <summary>What the scripted model answers for the task page's tests; each task's spec carries a marker.</summary>
internal static class TaskPageScript
{
    public const string Grow = "[page:grow]";
    public const string Steer = "[page:steer]";
    public const string Ask = "[page:ask]";
    public const string Long = "[page:long]";
    public const string Quick = "[page:quick]";
    public const string Shot = "[page:shot]";
    public const string SteerText = "Use tabs, not spaces, in notes.md.";
    public const string Question = "Which colour should the banner be?";

    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1.5);

    public static Script Build() => Script.Create()
        // Grows in steps, a pause before each, so a page that is open sees it happen.
        .When(Step(Grow, "wrote b.txt")).Delay(Pause)
            .CallTool("record_decision", new { decision = "Two files, not one", reason = "each step is visible" })
            .CallTool("finish", new { summary = "a.txt and b.txt" })
        .When(Step(Grow, "step-two-output")).Delay(Pause).CallTool("write_file", new { path = "b.txt", content = "b\n" })
        .When(Step(Grow, "wrote a.txt")).Delay(Pause).CallTool("run_command", new { command = "echo step-two-output" })
        .WhenLastUser(Grow).Say("Looking at the project first.").CallTool("write_file", new { path = "a.txt", content = "a\n" })
        // Thinks for a while on its first request; the test steers it meanwhile.
        .When(Step(Steer, SteerText)).CallTool("finish", new { summary = "notes.md, with tabs as asked" })
        // Until the steer arrives it keeps working (a short command per turn), so a slow page open on a
        // loaded machine cannot let it finish first; the steer lands at the next turn boundary.
        .When(Step(Steer, "waiting-for-review-notes")).Delay(TimeSpan.FromSeconds(1)).CallTool("run_command", new { command = "echo waiting-for-review-notes" })
        .When(Step(Steer, "wrote notes.md")).CallTool("run_command", new { command = "echo waiting-for-review-notes" })
        .WhenLastUser(Steer).Delay(TimeSpan.FromSeconds(4)).CallTool("write_file", new { path = "notes.md", content = "# Notes\n" })
        // Asks, then finishes with the answer.
        .When(Step(Ask, "The developer answered")).CallTool("finish", new { summary = "the banner colour as answered" })
        .WhenLastUser(Ask).Delay(TimeSpan.FromSeconds(3)).CallTool("ask_question", new { question = Question })
        // Thinks for a long time: the test cancels it.
        .WhenLastUser(Long).Delay(TimeSpan.FromSeconds(30)).Say("too late")
        .WhenLastUser(Quick).CallTool("finish", new { summary = "nothing to do" })
        // A little of everything, for the screenshot.
        .When(Step(Shot, "Hello, Nightshift!"))
            .CallTool("record_decision", new { decision = "Plain POSIX sh for the greeter", reason = "nothing to install, runs everywhere the tests run" })
            .CallTool("finish", new { summary = "Added greet.sh; `sh greet.sh NAME` prints Hello, NAME!" })
        .When(Step(Shot, "wrote greet.sh")).Say("Let me try it.").CallTool("run_command", new { command = "sh greet.sh Nightshift" })
        .WhenLastUser(Shot).Say("I'll add a small POSIX shell greeter, then try it.")
            .CallTool("report_progress", new { percent = 30, line = "writing greet.sh" })
            .CallTool("write_file", new { path = "greet.sh", content = "#!/bin/sh\necho \"Hello, ${1:-world}!\"\n" })
        .Build();

    private static RequestMatch Step(string marker, string previous) =>
        RequestMatch.AnyMessageContains(marker).And(RequestMatch.LastMessageContains(previous));
}
