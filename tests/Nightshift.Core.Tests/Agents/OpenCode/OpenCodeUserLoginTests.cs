using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.OpenCode;
using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;
using Nightshift.Core.Tests.Agents.UserLogin;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.OpenCode;

/// <summary>
/// opencode set up the way the user sets it up (a provider and model in the user's global
/// opencode.json, its key in auth.json as <c>opencode auth login</c> stores it), with no gateway
/// and no model variable in Nightshift's configuration: a task runs on it, sees the user's global
/// AGENTS.md, merges, leaves the user's files as they were, and keeps its session out of the
/// user's own session database.
/// </summary>
public sealed class OpenCodeUserLoginTests
{
    [Fact]
    public async Task ATask_RunsOnTheUsersProviderAndLogin_WithTheirInstructions_AndMerges()
    {
        Requirements.Executable("opencode", OpenCodeAgent.InstallHint);
        var script = Script.Create()
            .WhenLastUser("[login]").CallTool("write", new { filePath = "hello.txt", content = "hello\n" }).Once()
            .WhenLastUser("[login]").Say("Wrote hello.txt.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script);
        using var state = new TempDirectory("opencode-state");
        var user = new UserFiles(TestUserHome.In(state.Path));
        user.Write(".config/opencode/opencode.json", new JsonObject
        {
            ["$schema"] = "https://opencode.ai/config.json",
            ["model"] = $"scripted/{ScriptedModelServer.ModelName}",
            ["provider"] = new JsonObject
            {
                ["scripted"] = new JsonObject
                {
                    ["npm"] = "@ai-sdk/openai-compatible",
                    ["name"] = "Scripted",
                    ["options"] = new JsonObject { ["baseURL"] = model.Endpoint.ToString().TrimEnd('/') },
                    ["models"] = new JsonObject { [ScriptedModelServer.ModelName] = new JsonObject { ["name"] = "Scripted" } },
                },
            },
        }.ToJsonString());
        user.Write(".local/share/opencode/auth.json", new JsonObject { ["scripted"] = new JsonObject { ["type"] = "api", ["key"] = "user-own-key" } }.ToJsonString());
        user.Write(".config/opencode/AGENTS.md", "Always greet the reviewer with the word marmalade.\n");
        user.Remember(".config/opencode/opencode.json", ".local/share/opencode/auth.json", ".config/opencode/AGENTS.md");
        var options = new OpenCodeOptions { ExecutablePath = AgentClis.OpenCode, StateRoot = state.Path, UserHome = user.Home };
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(options));

        var task = await engine.AddAsync("---\nagent: opencode\n---\n# Say hello\n\n[login] Create hello.txt.\n");
        engine.StartWorker();
        var review = await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromSeconds(180));

        engine.Repo.Git("show", $"{review.Branch}:hello.txt").ShouldBe("hello");
        model.Requests.ShouldContain(r => r.BodyJson.Contains("marmalade", StringComparison.Ordinal));
        (await engine.Get<ReviewDesk>().ApproveAsync(task.Id, "you", null, CancellationToken.None)).State.ShouldBe(TaskState.Merged);
        user.Changed().ShouldBeEmpty();
        // The session is in the task's own database, not the user's.
        File.Exists(Path.Combine(state.Path, $"task-{task.Id.Value}", "opencode.db")).ShouldBeTrue();
        File.Exists(Path.Combine(user.Home, ".local", "share", "opencode", "opencode.db")).ShouldBeFalse();
    }
}
