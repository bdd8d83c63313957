using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nightshift.Core.Agents.Gemini;

/// <summary>
/// The Gemini home (GEMINI_CLI_HOME) of a run on the user's configuration: a folder of the task's
/// own whose <c>.gemini</c> links the user's login, instructions and additions from the user's
/// <c>.gemini</c>, so the CLI signs in and reads GEMINI.md as in the user's terminal, while its
/// settings.json (the user's merged under Nightshift's, see <see cref="GeminiSettings"/>), sessions
/// and history (<c>tmp/</c>) stay in the task's folder.
/// </summary>
/// <remarks>
/// A link, not a copy: the CLI saves a refreshed OAuth token with <c>writeFile</c>, which writes
/// through a link into the user's own file, so the user's login stays current as it would after a
/// run in their terminal, and signing out (which deletes the file) removes only the task's link.
/// </remarks>
internal static class GeminiUserHome
{
    /// <summary>
    /// What gemini-cli keeps its login in (the OAuth token, the signed-in account, the encrypted
    /// file keychain, the OAuth tokens of MCP servers), the user's instructions and variables, and
    /// their commands, skills, agents and extensions. Not settings.json (merged), nor the CLI's
    /// per-project state (<c>tmp/</c>, <c>history/</c>, projects.json), which is the task's own.
    /// </summary>
    internal static readonly string[] Linked =
    [
        "oauth_creds.json", "google_accounts.json", "gemini-credentials.json", "mcp-oauth-tokens.json",
        "a2a-oauth-tokens.json", "installation_id", "GEMINI.md", ".env", "extension-enablement.json",
        "commands", "skills", "agents", "extensions",
    ];

    /// <summary>Links the user's files into <paramref name="home"/>/.gemini and reads the user's settings.json (null when there is none).</summary>
    /// <exception cref="InvalidDataException">The user's settings.json is not a JSON object; the message says where and what to do.</exception>
    public static JsonObject? Prepare(GeminiOptions options, string home)
    {
        var user = options.UserGeminiPath;
        var gemini = Path.Combine(home, ".gemini");
        Directory.CreateDirectory(gemini);
        var names = Linked.Concat(ContextFiles(Settings(user))).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            Link(Path.Combine(user, name), Path.Combine(gemini, name));
        }
        // The CLI's last fallback for variables is the .env in its home, which GEMINI_CLI_HOME moves.
        Link(Path.Combine(options.UserGeminiHome ?? options.UserHome, ".env"), Path.Combine(home, ".env"));
        return Settings(user);
    }

    /// <summary>The user's settings.json as the CLI reads it (comments allowed), or null when there is none.</summary>
    internal static JsonObject? Settings(string userGemini)
    {
        var path = Path.Combine(userGemini, "settings.json");
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new InvalidDataException($"{path} is not a JSON object: fix it (gemini reads it too) or set agent_config: isolated in the spec.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON ({ex.Message}): fix it (gemini reads it too) or set agent_config: isolated in the spec.", ex);
        }
    }

    /// <summary>The user's settings.json, or null when there is none or it cannot be read.</summary>
    internal static JsonObject? SettingsOrNull(string userGemini)
    {
        try
        {
            return Settings(userGemini);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The instruction file names the user chose (<c>context.fileName</c>) besides GEMINI.md; plain names only.</summary>
    private static IEnumerable<string> ContextFiles(JsonObject? settings)
    {
        var names = settings?["context"]?["fileName"] switch
        {
            JsonArray array => array.Select(n => n?.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null),
            JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
            _ => [],
        };
        return names.OfType<string>().Where(n => n.Length > 0 && n == Path.GetFileName(n) && n is not "." and not ".." and not "settings.json");
    }

    /// <summary>A link to <paramref name="target"/> at <paramref name="link"/>, or none when the user has no such file; a folder the CLI made itself is left.</summary>
    private static void Link(string target, string link)
    {
        var existing = new FileInfo(link);
        if (existing.LinkTarget is not null)
        {
            existing.Delete();
        }
        else if (File.Exists(link) && (File.Exists(target) || Directory.Exists(target)))
        {
            // A file the CLI wrote before the user had one (an account, an installation id): the user's wins.
            File.Delete(link);
        }
        if ((File.Exists(target) || Directory.Exists(target)) && !Path.Exists(link))
        {
            File.CreateSymbolicLink(link, target);
        }
    }
}
