using Nightshift.Core.Processes;
using Nightshift.Core.Specs;

namespace Nightshift.Core.Agents;

/// <summary>What `nightshift agents` reports: every agent a spec can name, and how this node stands with each.</summary>
public sealed class AgentInventory(AgentCatalog catalog, ProcessRunner processes)
{
    /// <summary>The command-line program behind each CLI agent, and how to install it.</summary>
    private static readonly Dictionary<string, (string Executable, string Install)> Clis = new(StringComparer.Ordinal)
    {
        ["claude-code"] = ("claude", "npm install -g @anthropic-ai/claude-code"),
        ["codex"] = ("codex", "npm install -g @openai/codex"),
        ["gemini"] = ("gemini", "npm install -g @google/gemini-cli"),
        ["opencode"] = ("opencode", "npm install -g opencode-ai"),
        ["aider"] = ("aider", "pipx install aider-chat"),
    };

    public async Task<IReadOnlyList<AgentStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<AgentStatus>();
        foreach (var name in KnownAgents.All.Order(StringComparer.Ordinal))
        {
            var runtime = catalog.Find(name);
            string? path = null;
            string? version = null;
            if (Clis.TryGetValue(name, out var cli))
            {
                path = ExecutableSearch.FindOnPath(cli.Executable);
                version = path is null ? null : await VersionAsync(path, cancellationToken);
            }
            var note = (runtime, name) switch
            {
                (not null, _) => "ready",
                (null, "builtin") => "set NIGHTSHIFT_BUILTIN_MODEL (and NIGHTSHIFT_BUILTIN_ENDPOINT or an API key) and restart `nightshift up`",
                (null, _) when path is null && Clis.TryGetValue(name, out var c) => $"not installed: {c.Install}",
                _ => "no runtime in this build yet",
            };
            result.Add(new AgentStatus(name, runtime is not null, path, version, runtime?.Capabilities, note));
        }
        return result;
    }

    private async Task<string?> VersionAsync(string path, CancellationToken cancellationToken)
    {
        string? first = null;
        var run = await processes.RunAsync(
            new ShellCommand($"'{path}' --version", Path.GetTempPath()) { Timeout = TimeSpan.FromSeconds(10), GracePeriod = TimeSpan.FromSeconds(1) },
            (line, isError) =>
            {
                if (!isError && first is null && line.Trim().Length > 0)
                {
                    first = line.Trim();
                }
                return ValueTask.CompletedTask;
            },
            cancellationToken);
        return run.Succeeded ? first : null;
    }
}
