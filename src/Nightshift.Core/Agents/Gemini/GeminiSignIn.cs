using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Gemini;

/// <summary>
/// How Gemini CLI signs in for runs on the user's configuration: Vertex AI, an API key from a
/// variable, or the Google login in the user's <c>.gemini</c> (oauth_creds.json, or the encrypted
/// file keychain). Only which variables, files and fields exist is looked at.
/// </summary>
internal static class GeminiSignIn
{
    public static string Describe(GeminiOptions options, Func<string, string?> environment)
    {
        var gemini = options.UserGeminiPath;
        var shown = SignInFiles.Show(gemini, options.UserHome);
        var selected = GeminiUserHome.SettingsOrNull(gemini)?["security"]?["auth"]?["selectedType"]?.ToString();
        if (environment("GOOGLE_GENAI_USE_VERTEXAI") is "true" || selected == "vertex-ai")
        {
            return "Vertex AI (GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION, or GOOGLE_API_KEY)";
        }
        var login = File.Exists(Path.Combine(gemini, "oauth_creds.json"))
            || File.Exists(Path.Combine(gemini, "gemini-credentials.json"));
        if (login && selected is "oauth-personal")
        {
            return $"Google login ({shown})";
        }
        foreach (var key in new[] { "GEMINI_API_KEY", "GOOGLE_API_KEY" })
        {
            if (SignInFiles.IsSet(environment, key))
            {
                return $"API key from {key}";
            }
        }
        if (DotEnvHas(Path.Combine(gemini, ".env"), "GEMINI_API_KEY"))
        {
            return $"API key from {shown}/.env";
        }
        return login
            ? $"Google login ({shown})"
            : "not signed in: run `gemini` and sign in, or set GEMINI_API_KEY for `nightshift up`";
    }

    /// <summary>True when the .env file sets <paramref name="name"/> (the line is looked at, never kept).</summary>
    private static bool DotEnvHas(string path, string name)
    {
        try
        {
            return File.Exists(path) && File.ReadLines(path).Any(line =>
            {
                var trimmed = line.TrimStart();
                trimmed = trimmed.StartsWith("export ", StringComparison.Ordinal) ? trimmed[7..].TrimStart() : trimmed;
                return trimmed.StartsWith(name + "=", StringComparison.Ordinal) && trimmed.Length > name.Length + 1;
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
