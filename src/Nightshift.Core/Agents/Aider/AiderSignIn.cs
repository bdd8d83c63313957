using Nightshift.Core.Agents.Cli;

namespace Nightshift.Core.Agents.Aider;

/// <summary>
/// Where Aider's keys come from for runs on the user's configuration: variables, or the user's
/// <c>~/.env</c> and <c>~/.aider.conf.yml</c> (their presence only). Aider has no login of its own.
/// </summary>
internal static class AiderSignIn
{
    private static readonly string[] KeyFiles = [".env", ".aider.conf.yml"];

    private static readonly string[] KeyVariables = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "OPENROUTER_API_KEY", "DEEPSEEK_API_KEY"];

    public static string Describe(AiderOptions options, Func<string, string?> environment)
    {
        if (KeyVariables.FirstOrDefault(v => SignInFiles.IsSet(environment, v)) is { } variable)
        {
            return $"API key from {variable}";
        }
        var files = KeyFiles.Where(f => File.Exists(Path.Combine(options.UserHome, f))).Select(f => "~/" + f).ToList();
        return files.Count > 0
            ? $"keys from {string.Join(" and ", files)}"
            : "no key found: set one (e.g. OPENAI_API_KEY) for `nightshift up`, or put it in ~/.env";
    }
}
