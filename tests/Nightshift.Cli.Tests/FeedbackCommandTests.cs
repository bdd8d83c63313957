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

/// <summary>steer, answer, watch and inbox through the CLI, against a server whose built-in agent asks a question.</summary>
public sealed class FeedbackCommandTests
{
    [Fact]
    public async Task AQuestion_ShowsInTheInboxAndWatch_IsAnsweredFromTheCli_AndASteerIsTaken()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        var script = Script.Create()
            .WhenToolResult("The developer answered: blue").Delay(TimeSpan.FromSeconds(2)).CallTool("write_file", new { path = "colour.txt", content = "blue\n" })
            .When(RequestMatch.LastMessageContains("Use a darker shade")).CallTool("edit_file", new { path = "colour.txt", search = "blue", replace = "navy" })
            .WhenToolResult("edited colour.txt").CallTool("finish", new { summary = "navy" })
            .WhenToolResult("wrote colour.txt").CallTool("finish", new { summary = "blue" })
            .WhenLastUser("[colour]").CallTool("ask_question", new { question = "Which colour?" })
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        await using var server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(home.Path),
            Port = 0,
            Worker = new WorkerOptions { NodeId = "cli-feedback", PollInterval = TimeSpan.FromMilliseconds(100) },
            BuiltInAgent = new BuiltInAgentOptions { Model = "scripted", Endpoint = model.Endpoint, ApiKey = "x" },
        });
        using (var client = server.CreateClient())
        {
            await client.RegisterProjectAsync(repo.Path);
        }
        (await InProcessCli.RunAsync(home, "add", "-m", "---\nagent: builtin\n---\n# Pick a colour\n\n[colour] Write colour.txt.\n")).Exit.ShouldBe(0);

        (await InProcessCli.RunAsync(home, "answer", "1", "too early")).Exit.ShouldBe(ExitCodes.NotAllowed);
        await InProcessCli.WaitUntilAsync(async () => (await InProcessCli.RunAsync(home, "inbox")).Out.Contains("question", StringComparison.Ordinal));
        var inbox = await InProcessCli.RunAsync(home, "inbox");
        inbox.Out.ShouldContain("asks: Which colour?");
        inbox.Out.ShouldContain("nightshift answer 1");
        (await InProcessCli.RunAsync(home, "watch", "--once")).Out.ShouldStartWith("1\tNeedsInput\t");

        var answer = await InProcessCli.RunAsync(home, "answer", "1", "blue");
        answer.Exit.ShouldBe(0, answer.Err);
        await model.WaitForRequestsAsync(2);
        var steer = await InProcessCli.RunAsync(home, "steer", "1", "Use a darker shade.");
        steer.Exit.ShouldBe(0, steer.Err);
        steer.Out.ShouldContain("pending");

        await InProcessCli.WaitUntilAsync(async () => (await InProcessCli.RunAsync(home, "ls", "--state", "InReview")).Out.Length > 0);
        repo.Git("show", "nightshift/1-pick-a-colour:colour.txt").ShouldBe("navy");
        var show = await InProcessCli.RunAsync(home, "show", "1");
        show.Out.ShouldContain("(steer, delivered");
        show.Out.ShouldContain("(answer, delivered");
        (await InProcessCli.RunAsync(home, "logs", "1", "-f")).Out.ShouldContain("Running → Verifying: navy");
    }


}
