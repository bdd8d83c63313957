using System.Text.Json.Nodes;
using Nightshift.Core.Agents.Aider;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Agents.Codex;
using Nightshift.Core.Agents.Gemini;
using Nightshift.Core.Agents.OpenCode;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Agents.UserLogin;

/// <summary>
/// How each CLI runtime reports its sign-in for <c>nightshift agents</c>: by file, by variable, or
/// what to do when there is none; never the secret itself.
/// </summary>
public sealed class SignInReportTests
{
    private const string Secret = "s3cret-value-never-shown";

    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void ClaudeCode_ByLoginFile_ByToken_ByKeyOverTheLogin_AndNotSignedIn()
    {
        using var dir = new TempDirectory("signin");
        var options = new ClaudeCodeOptions { StateRoot = dir.Path, UserHome = TestUserHome.In(dir.Path) };
        ClaudeCodeSignIn.Describe(options, Variables()).ShouldStartWith("not signed in: run `claude` and /login");

        new UserFiles(options.UserHome).Write(".claude/.credentials.json", new JsonObject { ["claudeAiOauth"] = new JsonObject { ["accessToken"] = Secret, ["refreshToken"] = Secret } }.ToJsonString());
        ClaudeCodeSignIn.Describe(options, Variables()).ShouldBe("subscription login (~/.claude)");
        ClaudeCodeSignIn.Describe(options, Variables(("CLAUDE_CODE_OAUTH_TOKEN", Secret))).ShouldBe("token from CLAUDE_CODE_OAUTH_TOKEN (claude setup-token)");
        ClaudeCodeSignIn.Describe(options, Variables(("CLAUDE_CODE_OAUTH_TOKEN", Secret), ("ANTHROPIC_API_KEY", Secret)))
            .ShouldBe("API key from ANTHROPIC_API_KEY (wins over the login)");
        ClaudeCodeSignIn.Describe(options with { UserConfigDirectory = dir.Combine("elsewhere") }, Variables()).ShouldStartWith("not signed in");
    }

    [Fact]
    public void Codex_ByApiKeyLogin_ByChatGptLogin_ByProvider_ByGateway_AndNotSignedIn()
    {
        using var dir = new TempDirectory("signin");
        var options = new CodexOptions { StateRoot = dir.Path, UserHome = TestUserHome.In(dir.Path) };
        var files = new UserFiles(options.UserHome);
        CodexSignIn.Describe(options, Variables()).ShouldBe("not signed in: run `codex login` (or `codex login --with-api-key`)");

        files.Write(".codex/auth.json", new JsonObject { ["OPENAI_API_KEY"] = Secret }.ToJsonString());
        CodexSignIn.Describe(options, Variables()).ShouldBe("API key login (codex login --with-api-key, ~/.codex)");
        files.Write(".codex/auth.json", new JsonObject { ["tokens"] = new JsonObject { ["refresh_token"] = Secret } }.ToJsonString());
        CodexSignIn.Describe(options, Variables()).ShouldBe("ChatGPT login (codex login, ~/.codex)");
        files.Write(".codex/config.toml", "model_provider = \"ollama\"\n");
        CodexSignIn.Describe(options, Variables()).ShouldBe("model provider 'ollama' from ~/.codex/config.toml");
        CodexSignIn.Describe(options with { BaseUrl = new Uri("http://gateway.internal/v1") }, Variables(("OPENAI_API_KEY", Secret)))
            .ShouldBe("API key from OPENAI_API_KEY for the gateway http://gateway.internal/v1");
    }

    [Fact]
    public void Gemini_ByGoogleLogin_ByApiKey_ByEnvFile_ByVertex_AndNotSignedIn()
    {
        using var dir = new TempDirectory("signin");
        var options = new GeminiOptions { StateRoot = dir.Path, UserHome = TestUserHome.In(dir.Path) };
        var files = new UserFiles(options.UserHome);
        GeminiSignIn.Describe(options, Variables()).ShouldBe("not signed in: run `gemini` and sign in, or set GEMINI_API_KEY for `nightshift up`");

        files.Write(".gemini/.env", $"GEMINI_API_KEY={Secret}\n");
        GeminiSignIn.Describe(options, Variables()).ShouldBe("API key from ~/.gemini/.env");
        files.Write(".gemini/oauth_creds.json", new JsonObject { ["access_token"] = Secret, ["refresh_token"] = Secret }.ToJsonString());
        files.Write(".gemini/settings.json", new JsonObject { ["security"] = new JsonObject { ["auth"] = new JsonObject { ["selectedType"] = "oauth-personal" } } }.ToJsonString());
        GeminiSignIn.Describe(options, Variables(("GEMINI_API_KEY", Secret))).ShouldBe("Google login (~/.gemini)");
        GeminiSignIn.Describe(options with { UserGeminiHome = dir.Combine("elsewhere") }, Variables(("GOOGLE_API_KEY", Secret))).ShouldBe("API key from GOOGLE_API_KEY");
        GeminiSignIn.Describe(options, Variables(("GOOGLE_GENAI_USE_VERTEXAI", "true"))).ShouldStartWith("Vertex AI");
        GeminiSignIn.Describe(options with { UserGeminiHome = dir.Combine("elsewhere") }, Variables()).ShouldStartWith("not signed in");
        GeminiSignIn.Describe(options, Variables(("GEMINI_API_KEY", Secret))).ShouldNotContain(Secret);
    }

    [Fact]
    public void OpenCode_ByAuthFile_ByGateway_AndNoLogin()
    {
        using var dir = new TempDirectory("signin");
        var options = new OpenCodeOptions { StateRoot = dir.Path, UserHome = TestUserHome.In(dir.Path) };
        OpenCodeSignIn.Describe(options, Variables()).ShouldStartWith("no login in auth.json: run `opencode auth login`");

        new UserFiles(options.UserHome).Write(".local/share/opencode/auth.json", new JsonObject
        {
            ["anthropic"] = new JsonObject { ["type"] = "oauth", ["refresh"] = Secret, ["access"] = Secret },
            ["openai"] = new JsonObject { ["type"] = "api", ["key"] = Secret },
        }.ToJsonString());
        OpenCodeSignIn.Describe(options, Variables()).ShouldBe("logins in ~/.local/share/opencode/auth.json: anthropic (subscription login), openai (API key)");
        OpenCodeSignIn.Describe(options with { BaseUrl = new Uri("http://gateway.internal/v1") }, Variables()).ShouldStartWith("gateway http://gateway.internal/v1");
    }

    [Fact]
    public void Aider_ByVariable_ByTheUsersFiles_AndNoKey()
    {
        using var dir = new TempDirectory("signin");
        var options = new AiderOptions { StateRoot = dir.Path, UserHome = TestUserHome.In(dir.Path) };
        AiderSignIn.Describe(options, Variables()).ShouldStartWith("no key found");

        new UserFiles(options.UserHome).Write(".env", $"OPENAI_API_KEY={Secret}\n");
        AiderSignIn.Describe(options, Variables()).ShouldBe("keys from ~/.env");
        AiderSignIn.Describe(options, Variables(("ANTHROPIC_API_KEY", Secret))).ShouldBe("API key from ANTHROPIC_API_KEY");
    }
}
