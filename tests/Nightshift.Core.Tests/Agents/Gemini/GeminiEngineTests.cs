using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.Gemini;
using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Gemini;

/// <summary>A spec with <c>agent: gemini</c> through the whole engine, with the real CLI and a scripted Gemini API.</summary>
public sealed class GeminiEngineTests
{
    [Fact]
    public async Task AGeminiTask_ReachesReviewWithItsDiff_AndTheFollowUpAfterARejectionResumesItsSession()
    {
        AgentClis.Require(AgentClis.Gemini, "gemini", GeminiAgent.InstallHint);
        var script = Script.Create()
            // The follow-up: the review comment arrives in the resumed session.
            .WhenLastUser("Add a second line").CallTool("run_shell_command", new { command = "echo second >> notes.txt && echo did-second", description = "Add the second line" }).Once()
            .WhenToolResult("did-second").Say("Added the second line.")
            // The first run: write a file, run a command, finish.
            .WhenLastUser("[gm]").CallTool("write_file", new { file_path = "notes.txt", content = "first\n" }).Once()
            .WhenLastUser("[gm]").CallTool("run_shell_command", new { command = "echo ran-check && cat notes.txt", description = "Check the notes" }).Once()
            .WhenToolResult("ran-check").Say("Wrote notes.txt.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        using var state = new TempDirectory("gemini-state");
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(GeminiHarness.Options(model, state.Path)));
        var task = await engine.AddAsync($"---\nagent: gemini\nmodel: {GeminiHarness.Model}\n---\n# Take notes\n\n[gm] Create notes.txt with one line, then check it with a command.\n");
        engine.StartWorker();

        var first = await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromSeconds(120));
        engine.Repo.Git("show", $"{first.Branch}:notes.txt").ShouldBe("first");
        await engine.Get<ReviewDesk>().RejectAsync(task.Id, "you", "Add a second line.", CancellationToken.None);
        var second = await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromSeconds(120));

        engine.Repo.Git("show", $"{second.Branch}:notes.txt").ShouldBe("first\nsecond");
        await using var db = engine.Db();
        var runs = await db.Runs.OrderBy(r => r.Attempt).ToListAsync();
        runs.Count.ShouldBe(2);
        runs[0].SessionId.ShouldNotBeNullOrEmpty();
        runs[1].SessionId.ShouldBe(runs[0].SessionId);
        runs.ShouldAllBe(r => r.InputTokens > 0);
        // The resumed session carried the first run's conversation into the follow-up's requests.
        var last = model.Requests[^1];
        last.Contains("Wrote notes.txt.").ShouldBeTrue();
        last.Contains("Add a second line.").ShouldBeTrue();
    }
}
