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
/// Gemini CLI set up the way the user sets it up (the API-key login chosen in the user's
/// settings.json, the key and endpoint in <c>~/.gemini/.env</c>, the model in settings.json), with
/// no model variable in Nightshift's configuration: a task runs on it, sees the user's GEMINI.md,
/// merges, and leaves the user's files as they were.
/// </summary>
public sealed class GeminiUserLoginTests
{
    [Fact]
    public async Task ATask_RunsOnTheUsersGeminiSettingsAndKey_WithTheirInstructions_AndMerges()
    {
        Requirements.Executable("gemini", GeminiAgent.InstallHint);
        var script = Script.Create()
            .WhenLastUser("[login]").CallTool("write_file", new { file_path = "hello.txt", content = "hello\n" }).Once()
            .WhenLastUser("[login]").Say("Wrote hello.txt.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        using var state = new TempDirectory("gemini-state");
        var user = new UserFiles(TestUserHome.In(state.Path));
        user.Write(".gemini/settings.json", new JsonObject
        {
            ["security"] = new JsonObject { ["auth"] = new JsonObject { ["selectedType"] = "gemini-api-key" } },
            ["model"] = new JsonObject { ["name"] = GeminiHarness.Model },
        }.ToJsonString());
        user.Write(".gemini/.env", $"GEMINI_API_KEY=user-own-key\nGOOGLE_GEMINI_BASE_URL={model.GeminiBaseUrl}\n");
        user.Write(".gemini/GEMINI.md", "Always greet the reviewer with the word marmalade.\n");
        user.Remember(".gemini/settings.json", ".gemini/.env", ".gemini/GEMINI.md");
        var options = new GeminiOptions { ExecutablePath = Requirements.FindOnPath("gemini"), StateRoot = state.Path, UserHome = user.Home };
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(options));

        var task = await engine.AddAsync("---\nagent: gemini\n---\n# Say hello\n\n[login] Create hello.txt.\n");
        engine.StartWorker();
        var review = await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromSeconds(120));

        engine.Repo.Git("show", $"{review.Branch}:hello.txt").ShouldBe("hello");
        model.Requests.ShouldContain(r => r.BodyJson.Contains("marmalade", StringComparison.Ordinal));
        (await engine.Get<ReviewDesk>().ApproveAsync(task.Id, "you", null, CancellationToken.None)).State.ShouldBe(TaskState.Merged);
        user.Changed().ShouldBeEmpty();
    }
}
