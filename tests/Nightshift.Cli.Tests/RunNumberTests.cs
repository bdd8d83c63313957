using Nightshift.Client;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>A run has one number wherever a person reads it: its number on its task, never the global run id.</summary>
public sealed class RunNumberTests
{
    [Fact]
    public async Task TheRunThatReceivedAComment_HasTheSameNumberInLogsAndShow()
    {
        using var home = new TempDirectory("home");
        using var repo = GitRepo.Create();
        await using var server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(home.Path),
            Port = 0,
            Worker = new WorkerOptions { NodeId = "run-numbers", PollInterval = TimeSpan.FromMilliseconds(100) },
        });
        using var client = server.CreateClient();
        await client.RegisterProjectAsync(repo.Path);
        await client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"echo a > a.txt\"\n---\n# Other\n\nA.\n", "a.md"));
        await client.AddTaskAsync(new AddTaskRequest(null, "---\ncommand: \"date >> b.txt\"\n---\n# Watched\n\nB.\n", "b.md"));
        await InProcessCli.WaitUntilAsync(async () => (await client.ListTasksAsync("InReview")).Count == 2);

        (await InProcessCli.RunAsync(home, "reject", "2", "-m", "Once more.")).Exit.ShouldBe(0);
        await InProcessCli.WaitUntilAsync(async () => (await client.GetTaskAsync("2")).Task is { State: "InReview", Attempts: 2 });

        var runs = (await client.GetTaskAsync("2")).Runs;
        var second = runs.Single(r => r.Attempt == 2);
        second.Id.ShouldNotBe(2, "the other task's run took a global id, so the two numberings differ");
        var logs = await InProcessCli.RunAsync(home, "logs", "2");
        logs.Out.ShouldContain("Run 2 started");
        logs.Out.ShouldContain("delivered to run 2");
        logs.Out.ShouldNotContain($"run {second.Id}", Case.Insensitive);
        var show = await InProcessCli.RunAsync(home, "show", "2");
        show.Out.ShouldContain("(review, delivered ");
        show.Out.ShouldContain(" to run 2): Once more.");
        show.Out.ShouldContain("\n2\tSucceeded\t");
        var comment = (await client.GetTaskAsync("2")).Comments.Single();
        comment.DeliveredToAttempt.ShouldBe(2);
        comment.DeliveredToRunId.ShouldBe(second.Id);
    }
}
