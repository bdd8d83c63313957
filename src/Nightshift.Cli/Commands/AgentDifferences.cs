using Nightshift.Client;

namespace Nightshift.Cli.Commands;

/// <summary>Per agent, what this machine has that the server does not see the same way: the CLI, its version, its sign-in.</summary>
internal static class AgentDifferences
{
    private static readonly (string Label, Func<AgentDto, string?> Read)[] Compared =
    [
        ("CLI", a => a.Executable),
        ("version", a => a.Version),
        ("sign-in", a => a.SignIn),
    ];

    /// <summary>One line per agent that differs, e.g. "claude-code differs here: version 2.1.197 here, 2.1.328 on the server".</summary>
    public static IEnumerable<string> Between(IReadOnlyList<AgentDto> server, IReadOnlyList<AgentDto> here)
    {
        var local = here.ToDictionary(a => a.Name, StringComparer.Ordinal);
        foreach (var theirs in server)
        {
            if (!local.TryGetValue(theirs.Name, out var ours))
            {
                continue;
            }
            var parts = Compared
                .Where(c => !string.Equals(c.Read(theirs), c.Read(ours), StringComparison.Ordinal))
                .Select(c => $"{c.Label} {c.Read(ours) ?? "none"} here, {c.Read(theirs) ?? "none"} on the server")
                .ToList();
            if (parts.Count > 0)
            {
                yield return $"{theirs.Name} differs on this machine: {string.Join("; ", parts)}";
            }
        }
    }
}
