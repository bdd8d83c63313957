using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Tasks;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.ClaudeCode;

/// <summary>A Claude Code task that meets its login's usage limit waits for the reset, holds no slot, and resumes its session.</summary>
public sealed class ClaudeCodeLimitEngineTests
{
    private static ClaudeCodeOptions Subscription(ScriptedModelServer model, string state) => new()
    {
        ExecutablePath = AgentClis.Claude,
        StateRoot = state,
        UserHome = TestUserHome.In(state),
        Environment = new Dictionary<string, string>
        {
            ["ANTHROPIC_BASE_URL"] = model.AnthropicBaseUrl,
            ["CLAUDE_CODE_OAUTH_TOKEN"] = "sk-ant-oat01-scripted-dummy",
        },
    };

    [Fact]
    public async Task ALimitedTask_WaitsForTheReset_WhileAnotherTaskRuns_ThenResumesItsSession()
    {
        Requirements.Executable("claude", ClaudeCodeAgent.InstallHint);
        var script = Script.Create()
            // The first request meets the limit, which resets a few seconds later.
            .OnRequest(1).HitLimit(TimeSpan.FromSeconds(4))
            .WhenLastUser("[cc]").CallTool("Write", new { file_path = "notes.txt", content = "first\n" }).Once()
            .WhenToolResult("notes.txt").Say("Wrote notes.txt.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        using var state = new TempDirectory("claude-state");
        await using var engine = await EngineHarness.StartAsync(
            EngineHarness.Fast with { Concurrency = 1 },
            configure: services => services.AddSingleton(Subscription(model, state.Path)));
        var limited = await engine.AddAsync("---\nagent: claude-code\npriority: high\nmax_retries: 0\n---\n# Take notes\n\n[cc] Create notes.txt with one line.\n", "notes.md");
        var other = await engine.AddAsync("---\ncommand: \"echo other > other.txt\"\npriority: low\n---\n# Other work\n\nDo it.\n", "other.md");
        engine.StartWorker();

        var done = await engine.WaitForAsync(limited.Id, TaskState.InReview, TimeSpan.FromSeconds(120));
        await engine.WaitForAsync(other.Id, TaskState.InReview, TimeSpan.FromSeconds(60));

        engine.Repo.Git("show", $"{done.Branch}:notes.txt").ShouldBe("first");
        await using var db = engine.Db();
        var runs = await db.Runs.Where(r => r.TaskId == limited.Id).OrderBy(r => r.Attempt).ToListAsync();
        runs.Count.ShouldBe(2);
        // The limit is no failure of the agent: no Failed outcome, no retry spent (max_retries is 0).
        runs[0].Outcome.ShouldBe(RunOutcome.Limited);
        runs[0].State.ShouldBe(RunState.Interrupted);
        runs[0].SessionId.ShouldNotBeNullOrEmpty();
        runs[1].SessionId.ShouldBe(runs[0].SessionId);
        // The other task ran in the one slot while the limited one waited.
        var otherRun = await db.Runs.SingleAsync(r => r.TaskId == other.Id);
        otherRun.StartedAt.ShouldBeGreaterThanOrEqualTo(runs[0].EndedAt!.Value);
        otherRun.StartedAt.ShouldBeLessThan(runs[1].StartedAt);
        var waited = await db.Events.Where(e => e.TaskId == limited.Id && e.Kind == EventKind.StateChanged).Select(e => e.Message).ToListAsync();
        waited.ShouldContain(t => t.Contains("usage limit of claude-code reached; resumes at", StringComparison.Ordinal), string.Join("\n", waited));
    }

    [Fact]
    public async Task ALimitWithoutAResetTime_WaitsTheFixedBackOff_AndHoldsTheAgentsOtherTasks()
    {
        Requirements.Executable("claude", ClaudeCodeAgent.InstallHint);
        await using var model = await ScriptedModelServer.StartAsync(Script.Create().Always().HitLimit(null).Build());
        using var state = new TempDirectory("claude-state");
        var backOff = TimeSpan.FromHours(1);
        await using var engine = await EngineHarness.StartAsync(
            EngineHarness.Fast with { Concurrency = 1, LimitBackoff = backOff },
            configure: services => services.AddSingleton(ClaudeHarness.Options(model, state.Path)));
        var first = await engine.AddAsync("---\nagent: claude-code\npriority: high\n---\n# First\n\nCreate notes.txt.\n", "first.md");
        var before = TimeProvider.System.GetUtcNow();
        engine.StartWorker();

        var waiting = await engine.WaitForAsync(first.Id, TaskState.Queued, TimeSpan.FromSeconds(90), t => t.Attempts == 1);
        var second = await engine.AddAsync("---\nagent: claude-code\n---\n# Second\n\nCreate more.txt.\n", "second.md");

        waiting.NotBefore.ShouldNotBeNull();
        waiting.NotBefore.Value.ShouldBeInRange(before + backOff, TimeProvider.System.GetUtcNow() + backOff);
        waiting.StateReason.ShouldNotBeNull();
        waiting.StateReason.ShouldStartWith("usage limit of claude-code reached (it gave no reset time); resumes at ");
        waiting.StateReason.ShouldNotContain("(in ");
        await using var db = engine.Db();
        (await db.Runs.SingleAsync(r => r.TaskId == first.Id)).Outcome.ShouldBe(RunOutcome.Limited);
        // The agent's other task is held on this node until the same time, and says so.
        var holds = await engine.Get<QueueHolds>().ForTasksAsync([first.Id, second.Id], CancellationToken.None);
        holds[second.Id].ShouldHaveSingleItem().Kind.ShouldBe(QueueHoldKind.AgentLimit);
        holds[second.Id][0].Message.ShouldStartWith("usage limit of claude-code reached (it gave no reset time); resumes at ");
        holds[second.Id][0].Message.ShouldEndWith("(in 1 h)");
        holds[first.Id].ShouldHaveSingleItem().Until.ShouldBe(waiting.NotBefore);
        (await engine.Get<TaskClaims>().TryClaimAsync(CancellationToken.None)).ShouldBeNull();
    }
}
