using System.Collections.Frozen;

namespace Nightshift.Core.Specs;

/// <summary>
/// The agent runtimes a spec or project may name: the one list of agent names. Validation, intake,
/// messages and <c>nightshift agents</c> read it, and the engine registers a runtime for each.
/// </summary>
public static class KnownAgents
{
    public const string Command = "command";

    public const string BuiltIn = "builtin";

    /// <summary>The names in the order messages list them.</summary>
    internal static IReadOnlyList<string> Names { get; } =
        [Command, BuiltIn, "claude-code", "codex", "gemini", "opencode", "aider"];

    public static IReadOnlySet<string> All { get; } = Names.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Exact match: agent names are lowercase.</summary>
    public static bool IsKnown(string name) => All.Contains(name);

    /// <summary>Null when the name is known; otherwise what was wrong and which names exist.</summary>
    internal static string? Problem(string name)
    {
        if (IsKnown(name))
        {
            return null;
        }
        return ClosestName.Find(name, Names) is { } match
            ? $"'{name}' is not a known agent; did you mean '{match}'? Known agents: {string.Join(", ", Names)}"
            : $"'{name}' is not a known agent; use {ClosestName.OneOf(Names)}";
    }
}
