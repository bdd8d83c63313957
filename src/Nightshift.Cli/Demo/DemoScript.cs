using Nightshift.ScriptedModel;

namespace Nightshift.Cli.Demo;

/// <summary>
/// What the demo's scripted model answers, for four tasks that run at once. Each task's spec
/// carries a marker, and each step is chosen by the marker and the result of the step before —
/// the model is a script, not a model, and the demo says so.
/// </summary>
internal static class DemoScript
{
    public const string Greet = "[demo:greet]";
    public const string Config = "[demo:config]";
    public const string Docs = "[demo:docs]";
    public const string Version = "[demo:version]";
    public const string Question = "Which port should the service listen on by default?";
    public const string Steer = "Mention the --help flag too.";

    // Rules are tried in order and the first match wins. The opening rule of each task matches as
    // long as the spec is the last user message, so the later steps come first.
    public static Script Build() => Script.Create()
        // Greeting: progress, a file, a command to try it, a decision, done.
        .When(Step(Greet, "Hello, Nightshift!"))
            .CallTool("record_decision", new { decision = "Plain POSIX sh for the greeter", reason = "nothing to install, runs everywhere the tests run" })
            .CallTool("finish", new { summary = "Added greet.sh; `sh greet.sh NAME` prints Hello, NAME!" })
        .When(Step(Greet, "wrote greet.sh")).CallTool("run_command", new { command = "sh greet.sh Nightshift" })
        .WhenLastUser(Greet).Say("I'll add a small POSIX shell greeter.")
            .CallTool("report_progress", new { percent = 30, line = "writing greet.sh" })
            .CallTool("write_file", new { path = "greet.sh", content = "#!/bin/sh\necho \"Hello, ${1:-world}!\"\n" })
        // Config: asks the developer a question first, and uses the answer.
        .When(Step(Config, "wrote config.env")).CallTool("finish", new { summary = "config.env sets PORT=8080, as the developer answered" })
        .When(Step(Config, "The developer answered")).CallTool("write_file", new { path = "config.env", content = "PORT=8080\n" })
        .WhenLastUser(Config).CallTool("ask_question", new { question = Question })
        // Docs: thinks for a while, and the demo steers it meanwhile.
        .When(Step(Docs, "edited USAGE.md")).CallTool("finish", new { summary = "USAGE.md, with the --help flag the developer asked for" })
        .When(Step(Docs, Steer)).CallTool("edit_file", new { path = "USAGE.md", search = "Run greet.sh.", replace = "Run greet.sh. Pass --help to see its options." })
        .When(Step(Docs, "wrote USAGE.md")).CallTool("finish", new { summary = "USAGE.md" })
        .WhenLastUser(Docs).Delay(TimeSpan.FromSeconds(2))
            .CallTool("write_file", new { path = "USAGE.md", content = "# Usage\n\nRun greet.sh.\n" })
        // Version: writes a file and checks it with a command.
        .When(Step(Version, "0.1.0")).CallTool("finish", new { summary = "VERSION is 0.1.0" })
        .When(Step(Version, "wrote VERSION")).CallTool("run_command", new { command = "cat VERSION" })
        .WhenLastUser(Version).CallTool("write_file", new { path = "VERSION", content = "0.1.0\n" })
        .Build();

    private static RequestMatch Step(string marker, string previous) =>
        RequestMatch.AnyMessageContains(marker).And(RequestMatch.LastMessageContains(previous));
}
