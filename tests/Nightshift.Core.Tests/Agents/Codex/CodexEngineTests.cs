using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.Codex;
using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Codex;

/// <summary>A spec with <c>agent: codex</c> through the whole engine, with the real CLI and a scripted model.</summary>
public sealed class CodexEngineTests
{
    [Fact]
    public async Task ACodexTask_ReachesReviewWithItsDiff_AndTheFollowUpAfterARejectionResumesItsSession()
    {
        AgentClis.Require(AgentClis.Codex, "codex", CodexAgent.InstallHint);
        var script = Script.Create()
            // The follow-up: the review comment arrives in the resumed session.
            .WhenLastUser("Add a second line").CallTool("exec_command", new { cmd = "echo second >> notes.txt && echo did-second" }).Once()
            .WhenToolResult("did-second").Say("Added the second line.")
            // The first run: edit a file, run a command, finish.
            .WhenLastUser("[cx]").CallTool("exec_command", new { cmd = CodexAgentTests.AddFile("notes.txt", "first") }).Once()
            .WhenToolResult("notes.txt").CallTool("exec_command", new { cmd = "echo ran-check && cat notes.txt" }).Once()
            .WhenToolResult("ran-check").Say("Wrote notes.txt.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script, cancellationToken: TestContext.Current.CancellationToken);
        using var state = new TempDirectory("codex-state");
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(CodexHarness.Options(model, state.Path)));
        var task = await engine.AddAsync("---\nagent: codex\n---\n# Take notes\n\n[cx] Create notes.txt with one line, then check it with a command.\n");
        engine.StartWorker();

        var first = await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromSeconds(120));
        engine.Repo.Git("show", $"{first.Branch}:notes.txt").ShouldBe("first");
        await engine.Get<ReviewDesk>().RejectAsync(task.Id, "you", "Add a second line.", CancellationToken.None);
        var second = await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromSeconds(120));

        engine.Repo.Git("show", $"{second.Branch}:notes.txt").ShouldBe("first\nsecond");
        await using var db = engine.Db();
        var runs = await db.Runs.OrderBy(r => r.Attempt).ToListAsync(TestContext.Current.CancellationToken);
        runs.Count.ShouldBe(2);
        runs[0].SessionId.ShouldNotBeNullOrEmpty();
        runs[1].SessionId.ShouldBe(runs[0].SessionId);
        runs.ShouldAllBe(r => r.InputTokens > 0);
        // The resumed session carried the first run's conversation into the follow-up's requests.
        var last = model.Requests[^1];
        last.Contains("Wrote notes.txt.").ShouldBeTrue();
        last.Contains("Add a second line.").ShouldBeTrue();
        last.Contains("ran-check").ShouldBeTrue();
    }
}
