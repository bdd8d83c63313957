using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Gemini;

/// <summary>
/// How Gemini CLI signs in for runs on the user's configuration: a key or Vertex AI from variables,
/// the Google login in <c>~/.gemini</c>, or a key in its <c>.env</c>. Only which variables, files and
/// fields exist is looked at; the CLI has no status command that prints none.
/// </summary>
internal static class GeminiSignIn
{
    public static string Describe(GeminiOptions options, Func<string, string?> environment)
    {
        var folder = options.UserGeminiPath;
        var shown = SignInFiles.Show(folder, options.UserHome);
        if (SignInFiles.IsSet(environment, "GOOGLE_GENAI_USE_VERTEXAI"))
        {
            return "Vertex AI from GOOGLE_GENAI_USE_VERTEXAI";
        }
        if (SignInFiles.IsSet(environment, "GEMINI_API_KEY"))
        {
            return "API key from GEMINI_API_KEY";
        }
        if (File.Exists(Path.Combine(folder, "oauth_creds.json")))
        {
            return $"Google login ({shown})";
        }
        foreach (var envFile in new[] { Path.Combine(folder, ".env"), Path.Combine(options.UserHome, ".env") })
        {
            if (HasKey(envFile))
            {
                return $"API key from {SignInFiles.Show(envFile, options.UserHome)}";
            }
        }
        return "not signed in: run `gemini` and choose a login, or set GEMINI_API_KEY";
    }

    /// <summary>True when the .env file names GEMINI_API_KEY; its value is never read out.</summary>
    private static bool HasKey(string envFile)
    {
        try
        {
            return File.Exists(envFile) && File.ReadLines(envFile).Any(l => l.TrimStart().StartsWith("GEMINI_API_KEY=", StringComparison.Ordinal)
                || l.TrimStart().StartsWith("export GEMINI_API_KEY=", StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
