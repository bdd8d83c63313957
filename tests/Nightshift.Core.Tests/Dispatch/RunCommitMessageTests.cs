using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Core.Runs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Dispatch;

/// <summary>The engine's commit of an agent's work is named by the agent's summary when it gave one.</summary>
public sealed class RunCommitMessageTests
{
    [Fact]
    public async Task AnAgentsSummary_IsTheCommitsSubjectAndBody_CleanedOfControlCharacters_WithTheTaskAsTrailers()
    {
        var script = Script.Create()
            .WhenToolResult("wrote greeting.txt").CallTool("finish", new { summary = "Make the greeting \u001b[31mfriendlier\u202e\n\nIt said hello;\r\nnow it says hello, world." })
            .WhenLastUser("[greet]").CallTool("write_file", new { path = "greeting.txt", content = "hello, world\n" })
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        await using var engine = await EngineHarness.StartAsync(builtIn: new BuiltInAgentOptions { Model = "scripted", Endpoint = model.Endpoint, ApiKey = "x" });
        var task = await engine.AddAsync("---\nagent: builtin\n---\n# Greet\n\n[greet] Write the greeting.\n");
        engine.StartWorker();

        var done = await engine.WaitForAsync(task.Id, TaskState.InReview);

        engine.Repo.Git("log", "-1", "--format=%s", done.Branch!).ShouldBe("Make the greeting [31mfriendlier");
        var message = engine.Repo.Git("log", "-1", "--format=%B", done.Branch!);
        message.ShouldBe($"Make the greeting [31mfriendlier\n\nIt said hello;\nnow it says hello, world.\n\nNightshift-Task: {task.Id}\nNightshift-Run: 1");
        engine.Repo.Git("log", "-1", "--format=%(trailers:key=Nightshift-Task,valueonly)", done.Branch!).ShouldBe(task.Id.ToString());
    }

    [Fact]
    public async Task WithoutASummary_TheCommitKeepsTheTaskTitleAndHowTheRunEnded()
    {
        await using var engine = await EngineHarness.StartAsync();
        // The command agent's only words are its exit status: that names no commit.
        var task = await engine.AddAsync("---\ncommand: \"echo hi > hi.txt\"\n---\n# Say hi\n\nSay it.\n");
        engine.StartWorker();

        var done = await engine.WaitForAsync(task.Id, TaskState.InReview);

        engine.Repo.Git("log", "-1", "--format=%B", done.Branch!).ShouldBe($"Say hi\n\nNightshift task {task.Id}, run 1: finished");
    }

    [Fact]
    public void ALongFirstLine_IsCutToASubjectWithAnEllipsis()
    {
        var task = new TaskRecord { Title = "T", SpecText = string.Empty, SpecFile = "t.md", Body = string.Empty, BaseBranch = "main", Agent = "builtin" };

        var message = RunCommitMessage.For(task, 2, "finished", new string('a', 200));

        var subject = message.Split('\n')[0];
        subject.Length.ShouldBe(RunCommitMessage.MaxSubjectLength);
        subject.ShouldEndWith("…");
        message.ShouldEndWith("\n\nNightshift-Task: 0\nNightshift-Run: 2");
    }
}
