using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nightshift.Core.Agents.Cli;

/// <summary>
/// What the sign-in reports may look at: whether a variable, a file or a field exists, never a
/// value (a credential file is parsed only to see which fields it has, and nothing of it is kept).
/// </summary>
internal static class SignInFiles
{
    /// <summary>The options' variables first, then the server's, which reach the agents too.</summary>
    public static Func<string, string?> Variables(ICliAgentOptions options) =>
        name => options.Environment.TryGetValue(name, out var value) ? value : System.Environment.GetEnvironmentVariable(name);

    public static bool IsSet(Func<string, string?> environment, string name) => environment(name) is { Length: > 0 };

    /// <summary>The file as JSON, or null when it is missing or unreadable.</summary>
    public static JsonNode? Json(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="node"/> has a non-empty string at the path of property names.</summary>
    public static bool HasText(JsonNode? node, params string[] path)
    {
        foreach (var name in path)
        {
            node = node is JsonObject o && o.TryGetPropertyValue(name, out var child) ? child : null;
        }
        return node is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0;
    }

    /// <summary>A path as the user knows it: under their home shown with <c>~</c>.</summary>
    public static string Show(string path, string userHome) =>
        path.StartsWith(userHome.TrimEnd('/') + "/", StringComparison.Ordinal) ? "~" + path[userHome.TrimEnd('/').Length..] : path;
}
