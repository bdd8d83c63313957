using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.Codex;
using Nightshift.Core.Reviews;
using Nightshift.Core.Tasks;
using Nightshift.Core.Tests.Agents.UserLogin;
using Nightshift.ScriptedModel;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.Codex;

/// <summary>
/// Codex signed in the way the user signs in (the real <c>codex login --with-api-key</c>, and a
/// model provider in the user's config.toml), with no gateway and no model variable in
/// Nightshift's configuration: a task runs on that login and provider, sees the user's AGENTS.md,
/// merges, and leaves the user's files as they were.
/// </summary>
public sealed class CodexUserLoginTests
{
    [Fact]
    public async Task ATask_RunsOnTheUsersCodexLoginAndProvider_WithTheirInstructions_AndMerges()
    {
        Requirements.Executable("codex", CodexAgent.InstallHint);
        var script = Script.Create()
            .WhenLastUser("[login]").CallTool("exec_command", new { cmd = CodexAgentTests.AddFile("hello.txt", "hello") }).Once()
            .WhenToolResult("hello.txt").Say("Wrote hello.txt.")
            .Build();
        await using var model = await ScriptedModelServer.StartAsync(script, cancellationToken: TestContext.Current.CancellationToken);
        using var state = new TempDirectory("codex-state");
        var user = new UserFiles(TestUserHome.In(state.Path));
        user.Write(".codex/config.toml", $"""
            model = "{ScriptedModelServer.ModelName}"
            model_provider = "scripted"

            [model_providers.scripted]
            name = "Scripted"
            base_url = "{model.Endpoint.ToString().TrimEnd('/')}"
            wire_api = "responses"
            requires_openai_auth = true
            """);
        user.Write(".codex/AGENTS.md", "Always greet the reviewer with the word marmalade.\n");
        await LoginWithApiKeyAsync(user.Home, "sk-user-own-login");
        File.Exists(Path.Combine(user.Home, ".codex", "auth.json")).ShouldBeTrue("codex login wrote no auth.json");
        user.Remember(".codex/auth.json", ".codex/config.toml", ".codex/AGENTS.md");
        var options = new CodexOptions { ExecutablePath = AgentClis.Codex, StateRoot = state.Path, UserHome = user.Home };
        await using var engine = await EngineHarness.StartAsync(configure: services => services.AddSingleton(options));

        var task = await engine.AddAsync("---\nagent: codex\n---\n# Say hello\n\n[login] Create hello.txt.\n");
        engine.StartWorker();
        var review = await engine.WaitForAsync(task.Id, TaskState.InReview, TimeSpan.FromSeconds(120));

        engine.Repo.Git("show", $"{review.Branch}:hello.txt").ShouldBe("hello");
        model.Requests.ShouldContain(r => r.BodyJson.Contains("marmalade", StringComparison.Ordinal));
        (await engine.Get<ReviewDesk>().ApproveAsync(task.Id, "you", null, CancellationToken.None)).State.ShouldBe(TaskState.Merged);
        user.Changed().ShouldBeEmpty(File.ReadAllText(Path.Combine(user.Home, ".codex", "config.toml")));
    }

    /// <summary>The real <c>codex login --with-api-key</c>, the key on stdin, in the test's user HOME.</summary>
    internal static async Task LoginWithApiKeyAsync(string home, string key)
    {
        var psi = new ProcessStartInfo(AgentClis.Codex!, ["login", "--with-api-key"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["HOME"] = home;
        psi.Environment["CODEX_HOME"] = Path.Combine(home, ".codex");
        using var login = Process.Start(psi)!;
        await login.StandardInput.WriteLineAsync(key);
        login.StandardInput.Close();
        var output = await login.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken) + await login.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await login.WaitForExitAsync(TestContext.Current.CancellationToken);
        login.ExitCode.ShouldBe(0, output);
    }
}
