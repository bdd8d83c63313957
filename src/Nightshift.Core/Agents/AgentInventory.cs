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
public sealed class AgentInventory(AgentCatalog catalog)
{
    /// <summary>The command-line program behind each CLI agent: the same records its runtime checks before a run.</summary>
    private static readonly Dictionary<string, CliTool> Clis =
        new[] { ClaudeCodeAgent.Tool, CodexAgent.Tool, GeminiAgent.Tool, OpenCodeAgent.Tool, AiderAgent.Tool }.ToDictionary(t => t.Agent, StringComparer.Ordinal);

    /// <summary>Every agent, in name order; the CLIs are asked side by side, as some take seconds to answer.</summary>
    public async Task<IReadOnlyList<AgentStatus>> ListAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(KnownAgents.All.Order(StringComparer.Ordinal).Select(name => StatusAsync(name, cancellationToken)));

    private async Task<AgentStatus> StatusAsync(string name, CancellationToken cancellationToken)
    {
        var runtime = catalog.Find(name);
        var cli = runtime?.Cli?.Tool ?? Clis.GetValueOrDefault(name);
        // The executable the runtime itself runs (what a run would use), else what the lookup finds.
        var path = runtime?.Cli is { Executable: { } found } && File.Exists(found) ? found : cli is null ? null : FindCli(cli);
        var facts = path is null ? null : await CliProbe.ReadAsync(path, cancellationToken);
        var tooOld = facts is null ? null : cli!.TooOld(facts);
        // A CLI runtime is registered whether or not its CLI is installed (each run then fails
        // saying how to install it), so it is ready only when the CLI is found, and new enough.
        var available = runtime is not null && (cli is null || path is not null) && tooOld is null;
        var note = (runtime, name) switch
        {
            (not null, _) when available => "ready",
            (null, "builtin") => "set NIGHTSHIFT_BUILTIN_MODEL (and NIGHTSHIFT_BUILTIN_ENDPOINT or an API key) and restart `nightshift up`",
            _ when cli is not null && path is null => $"not installed: {cli.InstallHint}",
            _ when tooOld is not null => tooOld,
            _ => "no runtime in this build yet",
        };
        return new AgentStatus(name, available, path, facts?.Version?.ToString(), runtime?.Capabilities, note, (runtime as ISignInReport)?.SignIn());
    }

    /// <summary>The override variable first, as the runtimes do, then PATH.</summary>
    private static string? FindCli(CliTool cli) =>
        Environment.GetEnvironmentVariable(cli.PathVariable) is { Length: > 0 } configured && File.Exists(configured)
            ? configured
            : ExecutableSearch.FindOnPath(cli.Executable);
}
