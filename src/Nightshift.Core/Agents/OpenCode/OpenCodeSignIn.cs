using System.Text.Json.Nodes;
using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.OpenCode;

/// <summary>
/// How opencode signs in for runs on the user's configuration: the gateway, or the providers
/// <c>opencode auth login</c> stored in auth.json (their names and kinds only). Only which files
/// and fields exist is looked at.
/// </summary>
internal static class OpenCodeSignIn
{
    public static string Describe(OpenCodeOptions options, Func<string, string?> environment)
    {
        if (options.BaseUrl is { } gateway)
        {
            return $"gateway {gateway} (key from {OpenCodeOptions.ApiKeyVariable})";
        }
        if (SignInFiles.Json(options.UserAuthPath) is JsonObject auth && auth.Count > 0)
        {
            var logins = auth.Select(p => p.Value is JsonObject o && SignInFiles.HasText(o, "type") ? $"{p.Key} ({Kind(o)})" : p.Key);
            return $"logins in {SignInFiles.Show(options.UserAuthPath, options.UserHome)}: {string.Join(", ", logins)}";
        }
        return "no login in auth.json: run `opencode auth login`, or set a provider's key (e.g. ANTHROPIC_API_KEY) for `nightshift up`";
    }

    private static string Kind(JsonObject login) =>
        login["type"]?.GetValue<string>() switch
        {
            "oauth" => "subscription login",
            "api" => "API key",
            var other => other ?? "login",
        };
}
