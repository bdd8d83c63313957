using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Core.Tasks;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

public sealed class TurnCheckpointTests
{
    [Fact]
    public async Task TheAgentsWork_IsCommittedAtItsTurnBoundaries_BeforeTheRunEnds()
    {
        var script = Script.Create()
            .WhenToolResult("wrote step2.txt").CallTool("finish", new { summary = "two steps" })
            .WhenToolResult("wrote step1.txt").Delay(TimeSpan.FromSeconds(3)).CallTool("write_file", new { path = "step2.txt", content = "two\n" })
            .WhenLastUser("[checkpoints]").CallTool("write_file", new { path = "step1.txt", content = "one\n" })
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        var options = EngineHarness.Fast with { CheckpointInterval = TimeSpan.Zero };
        await using var engine = await EngineHarness.StartAsync(options, builtIn: new BuiltInAgentOptions { Model = "scripted", Endpoint = model.Endpoint, ApiKey = "x" });
        var task = await engine.AddAsync("---\nagent: builtin\n---\n# Two steps\n\n[checkpoints] Write two files.\n");
        engine.StartWorker();

        // While the model still "thinks" about step two, step one is already on the branch.
        await model.WaitForRequestsAsync(2);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        var branch = (await engine.Get<TaskQueries>().FindAsync(task.Id.ToString(), CancellationToken.None)).Branch!;
        string? mid = null;
        while (mid is null && TimeProvider.System.GetUtcNow() < deadline)
        {
            try
            {
                mid = engine.Repo.Git("show", $"{branch}:step1.txt");
            }
            catch (InvalidOperationException)
            {
                await Task.Delay(50);
            }
        }
        mid.ShouldBe("one");
        (await engine.Get<TaskQueries>().FindAsync(task.Id.ToString(), CancellationToken.None)).State.ShouldBe(TaskState.Running);

        var done = await engine.WaitForAsync(task.Id, TaskState.InReview);
        engine.Repo.Git("show", $"{done.Branch}:step2.txt").ShouldBe("two");
        await using var db = engine.Db();
        (await db.Events.CountAsync(e => e.Kind == "commit" && e.Message.StartsWith("Committed"))).ShouldBeGreaterThanOrEqualTo(2);
    }
}
