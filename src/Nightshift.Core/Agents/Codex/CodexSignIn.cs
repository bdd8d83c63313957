using System.Text.RegularExpressions;
using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Codex;

/// <summary>
/// How Codex signs in for runs on the user's configuration: a gateway's key variable, a provider of
/// the user's config.toml, or the login in auth.json (ChatGPT or API key). Only which variables,
/// files and fields exist is looked at; <c>codex login status</c> is not run because it prints a
/// masked key.
/// </summary>
internal static partial class CodexSignIn
{
    public static string Describe(CodexOptions options, Func<string, string?> environment)
    {
        if (options.BaseUrl is { } gateway)
        {
            return SignInFiles.IsSet(environment, options.ApiKeyVariable)
                ? $"API key from {options.ApiKeyVariable} for the gateway {gateway}"
                : $"gateway {gateway} without a key: set {options.ApiKeyVariable} for `nightshift up`";
        }
        var home = options.UserCodexPath;
        var shown = SignInFiles.Show(home, options.UserHome);
        if (Provider(Path.Combine(home, "config.toml")) is { } provider && provider != "openai")
        {
            return $"model provider '{provider}' from {shown}/config.toml";
        }
        var auth = SignInFiles.Json(Path.Combine(home, "auth.json"));
        if (SignInFiles.HasText(auth, "tokens", "refresh_token"))
        {
            return $"ChatGPT login (codex login, {shown})";
        }
        if (SignInFiles.HasText(auth, "OPENAI_API_KEY"))
        {
            return $"API key login (codex login --with-api-key, {shown})";
        }
        return SignInFiles.IsSet(environment, "CODEX_API_KEY")
            ? "API key from CODEX_API_KEY"
            : "not signed in: run `codex login` (or `codex login --with-api-key`)";
    }

    /// <summary>The top-level <c>model_provider</c> of config.toml (a name, never a secret), or null.</summary>
    private static string? Provider(string configPath)
    {
        try
        {
            if (!File.Exists(configPath))
            {
                return null;
            }
            foreach (var line in File.ReadLines(configPath))
            {
                if (line.TrimStart().StartsWith('['))
                {
                    return null;
                }
                if (ProviderLine().Match(line) is { Success: true } match)
                {
                    return match.Groups[1].Value;
                }
            }
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex("""^\s*model_provider\s*=\s*["']([A-Za-z0-9_.-]+)["']""")]
    private static partial Regex ProviderLine();
}
