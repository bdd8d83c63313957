using Nightshift.Cli.Shell;
using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.ScriptedModel;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>plan, plan revise and plan approve through the CLI, against a server whose built-in agent plans first.</summary>
public sealed class PlanCommandTests
{
    private const string Plan = "1. Add greeting.txt with a hello.";
    private const string Revised = "1. Add GREETING.md with a hello.";
    private const string Feedback = "Use a markdown file instead.";

    // Rules are tried in order: the implementing run's prompt also holds the task's marker.
    private static Script GatedScript() => Script.Create()
        .WhenToolResult("GREETING.md").CallTool("finish", new { summary = "greeting added" })
        .When(RequestMatch.LastUserContains("## Your plan was approved").And(RequestMatch.LastUserContains("[cli-gated]")))
            .CallTool("write_file", new { path = "GREETING.md", content = "hello\n" })
        .When(RequestMatch.LastUserContains(Feedback).And(RequestMatch.LastUserContains("## Plan first"))).Say(Revised)
        .WhenLastUser("[cli-gated]").Say(Plan)
        .Build();

    [Fact]
    public async Task APlan_IsReadSentBackAndApproved_FromTheCli()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        await using var model = await ScriptedModelServer.StartAsync(GatedScript(), cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(home.Path),
            Port = 0,
            Worker = new WorkerOptions { NodeId = "cli-plan", PollInterval = TimeSpan.FromMilliseconds(100) },
            BuiltInAgent = new BuiltInAgentOptions { Model = "scripted", Endpoint = model.Endpoint, ApiKey = "x" },
        }, cancellationToken: TestContext.Current.CancellationToken);
        using (var client = server.CreateClient())
        {
            await client.RegisterProjectAsync(repo.Path, TestContext.Current.CancellationToken);
        }
        (await InProcessCli.RunAsync(home, "add", "-m", "---\nagent: builtin\nplan: required\n---\n# Greet\n\n[cli-gated] Add a greeting.\n")).Exit.ShouldBe(0);

        await InProcessCli.WaitUntilAsync(async () => (await InProcessCli.RunAsync(home, "plan", "1")).Out.Contains(Plan, StringComparison.Ordinal));
        var plan = await InProcessCli.RunAsync(home, "plan", "1");
        plan.Out.ShouldContain("plan of #1 Greet: waiting for your approval");
        plan.Out.ShouldContain("nightshift plan approve 1");
        (await InProcessCli.RunAsync(home, "show", "1")).Out.ShouldContain(Plan);
        (await InProcessCli.RunAsync(home, "inbox")).Out.ShouldContain("nightshift plan approve 1");

        (await InProcessCli.RunAsync(home, "plan", "revise", "1")).Exit.ShouldBe(ExitCodes.Usage);
        var revise = await InProcessCli.RunAsync(home, "plan", "revise", "1", "-m", Feedback);
        revise.Exit.ShouldBe(0, revise.Err);
        revise.Out.ShouldContain("plan sent back");

        await InProcessCli.WaitUntilAsync(async () => (await InProcessCli.RunAsync(home, "plan", "1")).Out.Contains(Revised, StringComparison.Ordinal));
        var approve = await InProcessCli.RunAsync(home, "plan", "approve", "1", "-m", "Keep it to one line.");
        approve.Exit.ShouldBe(0, approve.Err);
        approve.Out.ShouldContain("plan approved");

        await InProcessCli.WaitUntilAsync(async () => (await InProcessCli.RunAsync(home, "ls", "--state", "InReview")).Out.Length > 0);
        repo.Git("show", "nightshift/1-greet:GREETING.md").ShouldBe("hello");
        var work = model.Requests.Last(r => r.LastOfRole("user")?.Contains("## Your plan was approved") == true).LastOfRole("user")!;
        work.Contains(Revised).ShouldBeTrue();
        work.Contains("Keep it to one line.").ShouldBeTrue();
        (await InProcessCli.RunAsync(home, "plan", "1")).Out.ShouldContain("plan of #1 Greet: approved");
        var again = await InProcessCli.RunAsync(home, "plan", "approve", "1");
        again.Exit.ShouldBe(ExitCodes.NotAllowed);
        again.Err.ShouldContain("is InReview");
    }


}
