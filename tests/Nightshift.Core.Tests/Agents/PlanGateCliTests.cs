using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Agents.Codex;
using Nightshift.Core.Agents.Gemini;
using Nightshift.Core.Agents.OpenCode;
using Nightshift.Core.Plans;
using Nightshift.Core.Tasks;
using Nightshift.Core.Tests.Agents.ClaudeCode;
using Nightshift.Core.Tests.Agents.Codex;
using Nightshift.Core.Tests.Agents.Gemini;
using Nightshift.Core.Tests.Agents.OpenCode;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Agents;

/// <summary>
/// The plan gate with the real CLIs and a scripted model that tries to write while planning: the
/// CLI's own read-only mode refuses, the plan waits for approval, and the approved run resumes the
/// planning session and does the work.
/// </summary>
public sealed class PlanGateCliTests
{
    private const string Plan = "1. Create notes.txt with the word planned.\n2. Read it back.";

    [Fact]
    public async Task ClaudeCode_PlansInPlanMode_ThenResumesItsSessionToCarryOutTheApprovedPlan()
    {
        AgentClis.Require(AgentClis.Claude, "claude", ClaudeCodeAgent.InstallHint);
        var script = Script.Create()
            .WhenLastUser("## Your plan was approved").CallTool("Bash", new { command = "echo planned > notes.txt && echo did-work", description = "Write the notes" }).Once()
            .WhenToolResult("did-work").Say("Done as planned.")
            .WhenLastUser("[ccplan]").CallTool("Write", new { file_path = "notes.txt", content = "too early\n" }).Once()
            .WhenAnyMessage("[ccplan]").Say(Plan)
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script, cancellationToken: TestContext.Current.CancellationToken);
        using var state = new TempDirectory("claude-state");
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(ClaudeHarness.Options(model, state.Path)));

        await PlanApproveAndCheckAsync(engine, model, "claude-code", "[ccplan]", planning => planning.ToolNames.ShouldNotContain("Write"));
    }

    [Fact]
    public async Task Codex_PlansInTheReadOnlySandbox_ThenResumesItsThreadToCarryOutTheApprovedPlan()
    {
        AgentClis.Require(AgentClis.Codex, "codex", CodexAgent.InstallHint);
        var script = Script.Create()
            .WhenLastUser("## Your plan was approved").CallTool("exec_command", new { cmd = "echo planned > notes.txt && echo did-work" }).Once()
            .WhenToolResult("did-work").Say("Done as planned.")
            .WhenLastUser("[cxplan]").CallTool("exec_command", new { cmd = "echo too early > notes.txt; echo tried-write" }).Once()
            .WhenAnyMessage("[cxplan]").Say(Plan)
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script, cancellationToken: TestContext.Current.CancellationToken);
        using var state = new TempDirectory("codex-state");
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(CodexHarness.Options(model, state.Path)));

        await PlanApproveAndCheckAsync(engine, model, "codex", "[cxplan]", _ => { });
    }

    [Fact]
    public async Task Gemini_PlansInItsPlanMode_ThenResumesItsSessionToCarryOutTheApprovedPlan()
    {
        AgentClis.Require(AgentClis.Gemini, "gemini", GeminiAgent.InstallHint);
        var script = Script.Create()
            .WhenLastUser("## Your plan was approved").CallTool("run_shell_command", new { command = "echo planned > notes.txt && echo did-work", description = "Write the notes" }).Once()
            .WhenToolResult("did-work").Say("Done as planned.")
            .WhenLastUser("[gmplan]").CallTool("write_file", new { file_path = "notes.txt", content = "too early\n" }).Once()
            .WhenAnyMessage("[gmplan]").Say(Plan)
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script, cancellationToken: TestContext.Current.CancellationToken);
        using var state = new TempDirectory("gemini-state");
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(GeminiHarness.Options(model, state.Path)));

        await PlanApproveAndCheckAsync(engine, model, $"gemini\nmodel: {GeminiHarness.Model}", "[gmplan]", _ => { });
    }

    [Fact]
    public async Task OpenCode_PlansWithItsPlanAgent_ThenResumesItsSessionToCarryOutTheApprovedPlan()
    {
        AgentClis.Require(AgentClis.OpenCode, "opencode", OpenCodeAgent.InstallHint);
        var script = Script.Create()
            .WhenLastUser("## Your plan was approved").CallTool("bash", new { command = "echo planned > notes.txt && echo did-work", description = "Write the notes" }).Once()
            .WhenToolResult("did-work").Say("Done as planned.")
            .WhenLastUser("[ocplan]").CallTool("write", new { filePath = "notes.txt", content = "too early\n" }).Once()
            .WhenAnyMessage("[ocplan]").Say(Plan)
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script, cancellationToken: TestContext.Current.CancellationToken);
        using var state = new TempDirectory("opencode-state");
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(OpenCodeHarness.Options(model, state.Path)));

        await PlanApproveAndCheckAsync(engine, model, "opencode", "[ocplan]", _ => { });
    }

    private static async Task PlanApproveAndCheckAsync(EngineHarness engine, ScriptedModelServer model, string agent, string marker, Action<RecordedRequest> checkPlanningRequest)
    {
        var task = await engine.AddAsync($"---\nagent: {agent}\nplan: required\n---\n# Take notes\n\n{marker} Create notes.txt.\n");
        engine.StartWorker();

        var waiting = await engine.WaitForAsync(task.Id, TaskState.AwaitingPlanApproval, TimeSpan.FromSeconds(120));
        waiting.PlanText.ShouldBe(Plan);
        File.Exists(Path.Combine(waiting.WorktreePath!, "notes.txt")).ShouldBeFalse("the planning run wrote a file");
        var planning = model.Requests.First(r => r.Contains(marker));
        planning.Contains("## Plan first").ShouldBeTrue();
        checkPlanningRequest(planning);

        await engine.Get<PlanGate>().ApproveAsync(task.Id, "you", null, CancellationToken.None);
        var done = await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromSeconds(120));

        engine.Repo.Git("show", $"{done.Branch}:notes.txt").ShouldBe("planned");
        await using var db = engine.Db();
        var runs = await db.Runs.OrderBy(r => r.Attempt).ToListAsync(TestContext.Current.CancellationToken);
        runs.Count.ShouldBe(2);
        runs[0].SessionId.ShouldNotBeNullOrEmpty();
        runs[1].SessionId.ShouldBe(runs[0].SessionId, "the approved run resumes the planning session");
        // The resumed session holds the plan it showed, and hears that it was approved.
        var last = model.Requests[^1];
        last.Contains("Done as planned.").ShouldBeFalse();
        last.Contains(Plan).ShouldBeTrue();
        last.Contains("## Your plan was approved").ShouldBeTrue();
    }
}
