using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents.Aider;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Agents.Codex;
using Nightshift.Core.Agents.Gemini;
using Nightshift.Core.Agents.OpenCode;
using Nightshift.Core.Storage;
using Nightshift.Server;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary><c>nightshift agents</c> says how each CLI signs in on the user's configuration, and never shows a secret.</summary>
public sealed class AgentsSignInTests
{
    private const string Secret = "s3cret-value-never-shown";

    [Fact]
    public async Task Agents_ShowsEachCliSignIn_FromTheUsersHome_WithoutItsSecret()
    {
        using var home = new TempDirectory("home");
        using var state = new TempDirectory("agent-state");
        var user = TestUserHome.In(state.Path);
        Write(user, ".claude/.credentials.json", $$$"""{"claudeAiOauth":{"accessToken":"{{{Secret}}}","refreshToken":"{{{Secret}}}","expiresAt":4102444800000}}""");
        Write(user, ".codex/auth.json", $$"""{"OPENAI_API_KEY":"{{Secret}}"}""");
        Write(user, ".gemini/oauth_creds.json", $$"""{"access_token":"{{Secret}}","refresh_token":"{{Secret}}"}""");
        await using var server = await NightshiftServer.StartAsync(new ServerOptions
        {
            Home = new NightshiftHome(home.Path),
            Port = 0,
            RunWorker = false,
            Services = services =>
            {
                services.AddSingleton(new ClaudeCodeOptions { StateRoot = state.Path, UserHome = user });
                services.AddSingleton(new CodexOptions { StateRoot = state.Path, UserHome = user });
                services.AddSingleton(new GeminiOptions { StateRoot = state.Path, UserHome = user });
                services.AddSingleton(new OpenCodeOptions { StateRoot = state.Path, UserHome = user });
                services.AddSingleton(new AiderOptions { StateRoot = state.Path, UserHome = user });
            },
        });

        var (exit, stdout, stderr) = await InProcessCli.RunAsync(home, "agents");

        exit.ShouldBe(0, stderr);
        if (Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") is null && Environment.GetEnvironmentVariable("CLAUDE_CODE_OAUTH_TOKEN") is null)
        {
            stdout.ShouldContain("subscription login (~/.claude)");
        }
        stdout.ShouldContain("API key login (codex login --with-api-key, ~/.codex)");
        if (Environment.GetEnvironmentVariable("GEMINI_API_KEY") is null && Environment.GetEnvironmentVariable("GOOGLE_API_KEY") is null && Environment.GetEnvironmentVariable("GOOGLE_GENAI_USE_VERTEXAI") is null)
        {
            stdout.ShouldContain("Google login (~/.gemini)");
        }
        stdout.ShouldNotContain(Secret);
    }

    private static void Write(string home, string relative, string text)
    {
        var path = Path.Combine(home, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
