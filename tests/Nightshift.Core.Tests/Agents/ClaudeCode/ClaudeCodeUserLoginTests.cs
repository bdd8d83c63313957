using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;
using Nightshift.Core.Tests.Agents.UserLogin;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.ClaudeCode;

/// <summary>
/// Claude Code signed in the way the user signs in (a subscription login in <c>~/.claude</c>, the
/// model endpoint in the user's settings.json), with no model variable anywhere in Nightshift's
/// configuration: a task runs on that login, sees the user's CLAUDE.md, keeps Nightshift's
/// permissions, merges, and leaves the user's files as they were.
/// </summary>
public sealed class ClaudeCodeUserLoginTests
{
    private const string Instructions = "Always greet the reviewer with the word marmalade.";

    [Fact]
    public async Task ATask_RunsOnTheUsersSubscriptionLogin_WithTheirInstructions_AndMerges()
    {
        Requirements.Executable("claude", ClaudeCodeAgent.InstallHint);
        var script = Script.Create()
            .WhenLastUser("[login]").CallTool("Write", new { file_path = "hello.txt", content = "hello\n" }).Once()
            .WhenLastUser("[login]").Say("Wrote hello.txt.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        using var state = new TempDirectory("claude-state");
        var user = UserHome(state, model);
        user.Remember(".claude/.credentials.json", ".claude/settings.json", ".claude/CLAUDE.md");
        var options = new ClaudeCodeOptions { ExecutablePath = AgentClis.Claude, StateRoot = state.Path, UserHome = user.Home };
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(options));

        var task = await engine.AddAsync("---\nagent: claude-code\n---\n# Say hello\n\n[login] Create hello.txt.\n");
        engine.StartWorker();
        var review = await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromSeconds(120));

        engine.Repo.Git("show", $"{review.Branch}:hello.txt").ShouldBe("hello");
        // The user's global instructions reached the model; the user's defaultMode "plan" did not
        // win over Nightshift's acceptEdits, or the file could not have been written.
        model.Requests.ShouldContain(r => r.BodyJson.Contains("marmalade", StringComparison.Ordinal));
        (await engine.Get<ReviewDesk>().ApproveAsync(task.Id, "you", null, CancellationToken.None)).State.ShouldBe(TaskState.Merged);
        user.Changed().ShouldBeEmpty();
        // The session went to the user's config folder, in a project folder of the task's worktree.
        Directory.GetDirectories(Path.Combine(user.Home, ".claude", "projects")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task AnIsolatedTask_IgnoresTheUsersLogin_AndFailsWithoutAKey_AsBefore()
    {
        Requirements.Executable("claude", ClaudeCodeAgent.InstallHint);
        var script = Script.Create().WhenLastUser("[login]").Say("Should not be asked.").Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        using var state = new TempDirectory("claude-state");
        var user = UserHome(state, model);
        var options = new ClaudeCodeOptions { ExecutablePath = AgentClis.Claude, StateRoot = state.Path, UserHome = user.Home };
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(options));

        var task = await engine.AddAsync("---\nagent: claude-code\nagent_config: isolated\nmax_retries: 0\n---\n# Say hello\n\n[login] Create hello.txt.\n");
        engine.StartWorker();
        var failed = await engine.WaitForAsync(task.Id, TaskState.Failed, TimeSpan.FromSeconds(120));

        // A clean CLI: the user's login and settings (with the model endpoint) were never read.
        model.Requests.ShouldBeEmpty(failed.StateReason);
        Directory.Exists(Path.Combine(user.Home, ".claude", "projects")).ShouldBeFalse();
        Directory.Exists(Path.Combine(state.Path, $"task-{task.Id.Value}", "config")).ShouldBeTrue();
    }

    /// <summary>A HOME as Claude Code leaves it after /login with a subscription, plus the user's own settings and instructions.</summary>
    internal static UserFiles UserHome(TempDirectory folder, ScriptedModelServer model)
    {
        var user = new UserFiles(TestUserHome.In(folder.Path));
        user.Write(".claude/.credentials.json", new JsonObject
        {
            ["claudeAiOauth"] = new JsonObject
            {
                ["accessToken"] = "sk-ant-oat01-scripted-access",
                ["refreshToken"] = "sk-ant-ort01-scripted-refresh",
                // Far in the future, so the CLI has no reason to refresh.
                ["expiresAt"] = 4_102_444_800_000,
                ["scopes"] = new JsonArray("user:inference", "user:profile", "user:sessions:claude_code"),
                ["subscriptionType"] = "max",
            },
        }.ToJsonString());
        user.Write(".claude/settings.json", new JsonObject
        {
            ["env"] = new JsonObject { ["ANTHROPIC_BASE_URL"] = model.AnthropicBaseUrl },
            ["permissions"] = new JsonObject { ["defaultMode"] = "plan" },
        }.ToJsonString());
        user.Write(".claude/CLAUDE.md", Instructions + "\n");
        return user;
    }
}
