using Nightshift.Cli.Shell;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>report, ask and decide: a `command` agent's script talks to its own run through the run's bridge.</summary>
public sealed class ScriptBridgeTests
{
    [Fact]
    public async Task AScript_ReportsAsksAndDecides_AndEachShowsOnTheTask_WhileItCannotAnswerItself()
    {
        using var home = new TempDirectory("home");
        using var scripts = new TempDirectory("scripts");
        using var repo = GitRepo.Create();
        var selfAnswer = Path.Combine(scripts.Path, "self-answer");
        var ns = $"dotnet {NightshiftProcess.Dll}";
        // The data folder is withheld from agents; a hostile script that knows it anyway still cannot answer for the developer.
        File.WriteAllText(Path.Combine(scripts.Path, "work.sh"), $"""
            set -e
            {ns} report 40 "halfway there"
            NIGHTSHIFT_HOME={home.Path} {ns} answer 1 "red" 2>{selfAnswer}.err && echo 0 > {selfAnswer} || echo $? > {selfAnswer}
            colour=$({ns} ask "Which colour?")
            printf '%s\n' "$colour" > colour.txt
            {ns} decide "Paint it $colour" --why "the developer chose it"
            """);
        await using var server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(home.Path),
            Port = 0,
            Worker = new WorkerOptions { NodeId = "cli-scripts", PollInterval = TimeSpan.FromMilliseconds(100) },
        });
        using var client = server.CreateClient();
        await client.RegisterProjectAsync(repo.Path);
        var spec = $"---\nagent: command\ncommand: sh {Path.Combine(scripts.Path, "work.sh")}\n---\n# Pick a colour\n\nWrite colour.txt.\n";
        (await InProcessCli.RunAsync(home, "add", "-m", spec)).Exit.ShouldBe(0);

        await InProcessCli.WaitUntilAsync(async () => (await InProcessCli.RunAsync(home, "ls", "--state", "NeedsInput")).Out.Length > 0);
        var waiting = await InProcessCli.RunAsync(home, "show", "1");
        waiting.Out.ShouldContain("progress: 40% halfway there");
        (await InProcessCli.RunAsync(home, "inbox")).Out.ShouldContain("asks: Which colour?");
        File.ReadAllText(selfAnswer).Trim().ShouldNotBe("0", File.ReadAllText(selfAnswer + ".err"));
        File.ReadAllText(selfAnswer + ".err").ShouldContain("a run may not act on Nightshift");

        var answer = await InProcessCli.RunAsync(home, "answer", "1", "blue");
        answer.Exit.ShouldBe(0, answer.Err);
        await InProcessCli.WaitUntilAsync(async () => (await InProcessCli.RunAsync(home, "ls", "--state", "InReview")).Out.Length > 0);

        repo.Git("show", "nightshift/1-pick-a-colour:colour.txt").ShouldBe("blue");
        var task = await client.GetTaskAsync("1", TestContext.Current.CancellationToken);
        task.Task.ProgressPercent.ShouldBe(40);
        task.Task.ProgressLine.ShouldBe("halfway there");
        var events = await client.GetEventsAsync("1", cancellationToken: TestContext.Current.CancellationToken);
        events.ShouldContain(e => e.Kind == EventKind.Progress && e.Message == "40% halfway there");
        events.ShouldContain(e => e.Kind == EventKind.Question && e.Message.Contains("Which colour?"));
        events.ShouldContain(e => e.Kind == EventKind.Decision && e.Message == "Paint it blue — why: the developer chose it");
        (await client.GetReviewAsync("1", TestContext.Current.CancellationToken)).Decisions.ShouldContain(d => d.Contains("Paint it blue"));
        (await InProcessCli.RunAsync(home, "review", "1")).Out.ShouldContain("Paint it blue");
    }

    [Fact]
    public async Task OutsideARun_ReportAskAndDecide_SayWhichVariablesAreMissing_AndChangeNothing()
    {
        using var home = new TempDirectory("home");
        foreach (var args in new[] { ["report", "40", "x"], ["ask", "why?"], new[] { "decide", "this", "--why", "that" } })
        {
            var (exit, stdout, stderr) = await NightshiftProcess.RunAsync(home.Path, home.Path, args);
            exit.ShouldBe(ExitCodes.NotInRun, stderr);
            stdout.ShouldBeEmpty();
            stderr.ShouldContain("only inside a Nightshift run");
            stderr.ShouldContain("NIGHTSHIFT_BRIDGE_URL and NIGHTSHIFT_BRIDGE_TOKEN are not set");
        }
    }
}
