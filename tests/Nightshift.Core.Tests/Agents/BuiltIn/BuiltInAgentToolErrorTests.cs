using Nightshift.Core.Agents;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.BuiltIn;

/// <summary>Tool calls the model gets wrong come back to it as error results; the run goes on.</summary>
public sealed class BuiltInAgentToolErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EditFile_WhenTheSearchTextIsMissing_GivesTheModelAnErrorAndChangesNothing()
    {
        var script = Script.Create()
            .OnRequest(1).CallTool("edit_file", new { path = "notes.txt", search = "goodbye", replace = "farewell" })
            .WhenToolResult("was not found").Say("The text is not there; nothing to change.")
            .Build();
        await using var harness = await AgentHarness.StartAsync(script);
        harness.Write("notes.txt", "hello\n");

        var outcome = await harness.RunAsync("Replace goodbye.", Ct);

        outcome.Succeeded.ShouldBeTrue(outcome.Error);
        outcome.Summary.ShouldBe("The text is not there; nothing to change.");
        harness.Read("notes.txt").ShouldBe("hello\n");
        var result = harness.Events.Single(e => e.Kind == AgentEventKind.ToolResult);
        result.IsError.ShouldBeTrue();
        result.Text.ShouldStartWith("edit_file: error: the search text was not found in notes.txt");
        harness.Server.Requests[1].LatestToolResults().Single().Text.ShouldStartWith("Error: the search text was not found in notes.txt");
    }

    [Fact]
    public async Task EditFile_WhenTheSearchTextOccursTwice_AsksForMoreContext()
    {
        var script = Script.Create()
            .OnRequest(1).CallTool("edit_file", new { path = "notes.txt", search = "a", replace = "b" })
            .WhenToolResult("occurs 2 times").Say("Ambiguous.")
            .Build();
        await using var harness = await AgentHarness.StartAsync(script);
        harness.Write("notes.txt", "a\na\n");

        var outcome = await harness.RunAsync("Edit.", Ct);

        outcome.Succeeded.ShouldBeTrue(outcome.Error);
        harness.Read("notes.txt").ShouldBe("a\na\n");
    }

    [Fact]
    public async Task FileTools_RefusePathsThatLeaveTheWorktree_AndTheGitDirectory()
    {
        using var outside = new TempDirectory("outside");
        File.WriteAllText(outside.Combine("secret.txt"), "secret");
        var script = Script.Create()
            .OnRequest(1)
                .CallTool("read_file", new { path = "../" + Path.GetFileName(outside.Path) + "/secret.txt" })
                .CallTool("write_file", new { path = outside.Combine("planted.txt"), content = "x" })
                .CallTool("read_file", new { path = "escape/secret.txt" })
                .CallTool("write_file", new { path = "escape/planted.txt", content = "x" })
                .CallTool("write_file", new { path = ".git/config", content = "[core]\n" })
                .CallTool("list_files", new { path = "sub/../.." })
            .OnRequest(2).Say("Could not reach those.")
            .Build();
        await using var harness = await AgentHarness.StartAsync(script);
        Directory.CreateSymbolicLink(harness.Worktree.Combine("escape"), outside.Path);
        harness.Write(".git/config", "original");

        var outcome = await harness.RunAsync("Try to escape.", Ct);

        outcome.Succeeded.ShouldBeTrue(outcome.Error);
        var results = harness.Events.Where(e => e.Kind == AgentEventKind.ToolResult).ToList();
        results.Count.ShouldBe(6);
        results.ShouldAllBe(e => e.IsError);
        results[0].Text.ShouldContain("leads outside the worktree");
        results[1].Text.ShouldContain("is an absolute path");
        results[2].Text.ShouldContain("symlink that leads outside the worktree");
        results[3].Text.ShouldContain("symlink that leads outside the worktree");
        results[4].Text.ShouldContain(".git");
        results[5].Text.ShouldContain("leads outside the worktree");
        File.Exists(outside.Combine("planted.txt")).ShouldBeFalse();
        harness.Read(".git/config").ShouldBe("original");
        harness.Server.Requests[1].Contains("secret\n").ShouldBeFalse();
    }

    [Fact]
    public async Task UnknownToolAndMissingArgument_AreErrorsTheModelCanReadAndFix()
    {
        var script = Script.Create()
            .OnRequest(1).CallTool("delete_everything", new { }).CallTool("read_file", new { })
            .OnRequest(2).Say("Understood.")
            .Build();
        await using var harness = await AgentHarness.StartAsync(script);

        var outcome = await harness.RunAsync("Go.", Ct);

        outcome.Succeeded.ShouldBeTrue(outcome.Error);
        var results = harness.Server.Requests[1].LatestToolResults().Select(m => m.Text).ToList();
        results[0].ShouldStartWith("Error: there is no tool 'delete_everything'; use one of read_file, write_file");
        results[1].ShouldStartWith("Error: ");
        results[1].ShouldContain("path");
    }

    [Fact]
    public async Task RunCommand_OverItsTimeLimit_IsStoppedAndReportedToTheModel()
    {
        var script = Script.Create()
            .OnRequest(1).CallTool("run_command", new { command = "echo started; sleep 60" })
            .WhenToolResult("time limit").Say("It hung.")
            .Build();
        await using var harness = await AgentHarness.StartAsync(script, o => o with { CommandTimeLimit = TimeSpan.FromSeconds(1) });

        var outcome = await harness.RunAsync("Run it.", Ct);

        outcome.Succeeded.ShouldBeTrue(outcome.Error);
        var result = harness.Server.Requests[1].LatestToolResults().Single().Text;
        result.ShouldStartWith("Error: the command was stopped after the time limit of 00:00:01");
        result.ShouldContain("started");
    }
}
