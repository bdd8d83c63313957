using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Agents.BuiltIn;
using Nightshift.Core.Tasks;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

public sealed class FollowUpSessionTests
{
    [Fact]
    public async Task AFollowUpAfterARejection_IsGivenTheAgentsLastSessionToResume()
    {
        var script = Script.Create().WhenLastUser("[resume]").CallTool("finish", new { summary = "done" }).Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        await using var engine = await EngineHarness.StartAsync(builtIn: new BuiltInAgentOptions { Model = "scripted", Endpoint = model.Endpoint, ApiKey = "x" });
        var task = await engine.AddAsync("---\nagent: builtin\n---\n# Resume me\n\n[resume] Do it.\n");
        engine.StartWorker();
        await engine.WaitForAsync(task.Id, TaskState.InReview);
        await using (var db = engine.Db())
        {
            (await db.Runs.SingleAsync()).SessionId.ShouldBe($"builtin-{task.Id}-1");
        }

        await engine.Get<Reviews.ReviewDesk>().RejectAsync(task.Id, "you", "Once more, with feeling.", CancellationToken.None);
        await engine.WaitForAsync(task.Id, TaskState.InReview);

        var events = await engine.Get<TaskQueries>().EventsAsync(task.Id, 0, 500, CancellationToken.None);
        events.ShouldContain(e => e.Message == $"Continuing session builtin-{task.Id}-1 where the runtime can resume it" && e.RunId == new RunId(2));
        model.Requests[^1].Contains("Once more, with feeling.").ShouldBeTrue();
    }
}
