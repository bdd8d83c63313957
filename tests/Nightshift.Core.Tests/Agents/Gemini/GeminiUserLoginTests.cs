using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.Gemini;
using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;
using Nightshift.Core.Tests.Agents.UserLogin;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Gemini;

/// <summary>
/// Gemini CLI set up the way the user sets it up (the API key type chosen in the user's
/// settings.json, the key and endpoint in <c>~/.gemini/.env</c>, the model in settings.json), with
/// no gateway and no variable in Nightshift's configuration: a task runs on it, sees the user's
/// GEMINI.md, merges, leaves the user's files as they were and keeps its session out of the
/// user's <c>~/.gemini</c>. Isolated, none of it is read.
/// </summary>
public sealed class GeminiUserLoginTests
{
    private static readonly string[] UsersFiles = [".gemini/settings.json", ".gemini/.env", ".gemini/GEMINI.md"];

    [Fact]
    public async Task ATask_RunsOnTheUsersLoginAndSettings_WithTheirInstructions_AndMerges()
    {
        AgentClis.Require(AgentClis.Gemini, "gemini", GeminiAgent.InstallHint);
        var script = Script.Create()
            .WhenLastUser("[login]").CallTool("write_file", new { file_path = "hello.txt", content = "hello\n" }).Once()
            .WhenLastUser("[login]").Say("Wrote hello.txt.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        using var state = new TempDirectory("gemini-state");
        var user = UserHome(state, model);
        var options = new GeminiOptions { ExecutablePath = AgentClis.Gemini, StateRoot = state.Path, UserHome = user.Home };
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(options));

        var task = await engine.AddAsync("---\nagent: gemini\n---\n# Say hello\n\n[login] Create hello.txt.\n");
        engine.StartWorker();
        var review = await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromSeconds(120));

        engine.Repo.Git("show", $"{review.Branch}:hello.txt").ShouldBe("hello");
        model.Requests.ShouldContain(r => r.BodyJson.Contains("marmalade", StringComparison.Ordinal));
        (await engine.Get<ReviewDesk>().ApproveAsync(task.Id, "you", null, CancellationToken.None)).State.ShouldBe(TaskState.Merged);
        user.Changed().ShouldBeEmpty();
        // The session is in the task's own Gemini home, not the user's.
        Directory.Exists(Path.Combine(state.Path, $"task-{task.Id.Value}", "gemini-home", ".gemini", "tmp")).ShouldBeTrue();
        Directory.Exists(Path.Combine(user.Home, ".gemini", "tmp")).ShouldBeFalse();
    }

    [Fact]
    public async Task AnIsolatedTask_IgnoresTheUsersLoginAndSettings_AndFailsWithoutAKey_AsBefore()
    {
        AgentClis.Require(AgentClis.Gemini, "gemini", GeminiAgent.InstallHint);
        var script = Script.Create().WhenLastUser("[login]").Say("Should not be asked.").Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        using var state = new TempDirectory("gemini-state");
        var user = UserHome(state, model);
        var options = new GeminiOptions { ExecutablePath = AgentClis.Gemini, StateRoot = state.Path, UserHome = user.Home };
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(options));

        var task = await engine.AddAsync("---\nagent: gemini\nagent_config: isolated\nmax_retries: 0\n---\n# Say hello\n\n[login] Create hello.txt.\n");
        engine.StartWorker();
        var failed = await engine.WaitForAsync(task.Id, TaskState.Failed, TimeSpan.FromSeconds(120));

        // A clean CLI: the user's .env (with the key and endpoint) and settings were never read.
        model.Requests.ShouldBeEmpty(failed.StateReason);
        user.Changed().ShouldBeEmpty();
        Directory.Exists(Path.Combine(state.Path, $"task-{task.Id.Value}", "home", ".gemini")).ShouldBeTrue();
        Directory.Exists(Path.Combine(state.Path, $"task-{task.Id.Value}", "gemini-home")).ShouldBeFalse();
    }

    [Fact]
    public async Task ABrokenUserSettingsFile_FailsTheRunSayingWhichFile_AndChangesNothing()
    {
        AgentClis.Require(AgentClis.Gemini, "gemini", GeminiAgent.InstallHint);
        var script = Script.Create().WhenLastUser("[login]").Say("Should not be asked.").Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        using var state = new TempDirectory("gemini-state");
        var user = new UserFiles(TestUserHome.In(state.Path));
        user.Write(".gemini/settings.json", "{ \"security\": ");
        user.Remember(".gemini/settings.json");
        var options = new GeminiOptions { ExecutablePath = AgentClis.Gemini, StateRoot = state.Path, UserHome = user.Home };
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(options));

        var task = await engine.AddAsync("---\nagent: gemini\nmax_retries: 0\n---\n# Say hello\n\n[login] Create hello.txt.\n");
        engine.StartWorker();
        var failed = await engine.WaitForAsync(task.Id, TaskState.Failed, TimeSpan.FromSeconds(120));

        failed.StateReason.ShouldNotBeNull().ShouldContain(Path.Combine(user.Home, ".gemini", "settings.json"));
        failed.StateReason.ShouldContain("agent_config: isolated");
        model.Requests.ShouldBeEmpty();
        user.Changed().ShouldBeEmpty();
    }

    /// <summary>A HOME as the user leaves it after choosing "Use Gemini API key" and keeping the key in <c>~/.gemini/.env</c>.</summary>
    private static UserFiles UserHome(TempDirectory folder, ScriptedModelServer model)
    {
        var user = new UserFiles(TestUserHome.In(folder.Path));
        user.Write(".gemini/settings.json", new JsonObject
        {
            ["security"] = new JsonObject { ["auth"] = new JsonObject { ["selectedType"] = "gemini-api-key" } },
            // A model named, so the CLI does not first ask a small model to route each turn.
            ["model"] = new JsonObject { ["name"] = GeminiHarness.Model },
        }.ToJsonString());
        user.Write(".gemini/.env", $"GEMINI_API_KEY=user-own-key\nGOOGLE_GEMINI_BASE_URL={model.GeminiBaseUrl}\n");
        user.Write(".gemini/GEMINI.md", "Always greet the reviewer with the word marmalade.\n");
        user.Remember(UsersFiles);
        return user;
    }
}
