using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.ClaudeCode;

/// <summary>
/// How Claude Code signs in for runs on the user's configuration, in the CLI's own order: an
/// ANTHROPIC_API_KEY wins over a CLAUDE_CODE_OAUTH_TOKEN (<c>claude setup-token</c>), which wins
/// over the login in the config folder. Only which variables, files and fields exist is looked at.
/// </summary>
internal static class ClaudeCodeSignIn
{
    public static string Describe(ClaudeCodeOptions options, Func<string, string?> environment)
    {
        var config = options.UserConfigPath;
        var shown = SignInFiles.Show(config, options.UserHome);
        var login = SignInFiles.HasText(SignInFiles.Json(Path.Combine(config, ".credentials.json")), "claudeAiOauth", "refreshToken")
            || SignInFiles.HasText(SignInFiles.Json(Path.Combine(config, ".credentials.json")), "claudeAiOauth", "accessToken");
        var token = SignInFiles.IsSet(environment, "CLAUDE_CODE_OAUTH_TOKEN");
        if (SignInFiles.IsSet(environment, "ANTHROPIC_API_KEY"))
        {
            return "API key from ANTHROPIC_API_KEY" + (login || token ? " (wins over the login)" : string.Empty);
        }
        if (token)
        {
            return "token from CLAUDE_CODE_OAUTH_TOKEN (claude setup-token)";
        }
        var settings = SignInFiles.Json(Path.Combine(config, "settings.json"));
        if (SignInFiles.HasText(settings, "apiKeyHelper"))
        {
            return $"API key from the apiKeyHelper in {shown}/settings.json";
        }
        if (SignInFiles.HasText(settings, "env", "ANTHROPIC_API_KEY") || SignInFiles.HasText(settings, "env", "ANTHROPIC_AUTH_TOKEN"))
        {
            return $"API key from the env block of {shown}/settings.json";
        }
        return login
            ? $"subscription login ({shown})"
            : "not signed in: run `claude` and /login, or set ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN for `nightshift up`";
    }
}
