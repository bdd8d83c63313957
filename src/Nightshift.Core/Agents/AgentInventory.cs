using Nightshift.Core.Agents.Aider;
using Nightshift.Core.Agents.ClaudeCode;
using Nightshift.Core.Agents.Cli;
using Nightshift.Core.Agents.Codex;
using Nightshift.Core.Agents.Gemini;
using Nightshift.Core.Agents.OpenCode;
using Nightshift.Core.Processes;
using Nightshift.Core.Specs;

namespace Nightshift.Core.Agents;

/// <summary>What `nightshift agents` reports: every agent a spec can name, and how this node stands with each.</summary>
public sealed class AgentInventory(AgentCatalog catalog, ProcessRunner processes)
{
    /// <summary>The command-line program behind each CLI agent: the same records its runtime checks before a run.</summary>
    private static readonly Dictionary<string, CliTool> Clis =
        new[] { ClaudeCodeAgent.Tool, CodexAgent.Tool, GeminiAgent.Tool, OpenCodeAgent.Tool, AiderAgent.Tool }.ToDictionary(t => t.Agent, StringComparer.Ordinal);

    public async Task<IReadOnlyList<AgentStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<AgentStatus>();
        foreach (var name in KnownAgents.All.Order(StringComparer.Ordinal))
        {
            var runtime = catalog.Find(name);
            string? path = null;
            string? version = null;
            var isCli = Clis.TryGetValue(name, out var cli);
            if (isCli)
            {
                path = FindCli(cli!.Executable, cli.PathVariable);
                version = path is null ? null : await VersionAsync(path, cancellationToken);
            }
            // A CLI runtime is registered whether or not its CLI is installed (each run then fails
            // saying how to install it), so it is ready only when the CLI is found too.
            var available = runtime is not null && (!isCli || path is not null);
            var note = (runtime, name) switch
            {
                (not null, _) when available => "ready",
                (null, "builtin") => "set NIGHTSHIFT_BUILTIN_MODEL (and NIGHTSHIFT_BUILTIN_ENDPOINT or an API key) and restart `nightshift up`",
                _ when isCli && path is null => $"not installed: {cli!.InstallHint}",
                _ => "no runtime in this build yet",
            };
            result.Add(new AgentStatus(name, available, path, version, runtime?.Capabilities, note) { SignIn = (runtime as ISignInReport)?.SignIn() });
        }
        return result;
    }

    /// <summary>The override variable first, as the runtimes do, then PATH.</summary>
    private static string? FindCli(string executable, string pathVariable) =>
        Environment.GetEnvironmentVariable(pathVariable) is { Length: > 0 } configured && File.Exists(configured)
            ? configured
            : ExecutableSearch.FindOnPath(executable);

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
