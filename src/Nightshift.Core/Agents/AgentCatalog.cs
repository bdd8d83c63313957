namespace Nightshift.Core.Agents;

/// <summary>The runtimes this process can run, by the name specs use.</summary>
public sealed class AgentCatalog(IEnumerable<IAgentRuntime> runtimes)
{
    private readonly Dictionary<string, IAgentRuntime> _byName = runtimes.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<IAgentRuntime> All => _byName.Values;

    /// <summary>Each runtime that keeps per-task state, with the folder it keeps it under (<see cref="IAgentRuntime.StateRoot"/>).</summary>
    public IReadOnlyList<(string Agent, string Root)> StateRoots =>
        [.. _byName.Values.Where(r => r.StateRoot is not null).Select(r => (r.Name, Path.GetFullPath(r.StateRoot!)))];

    public IAgentRuntime? Find(string name) => _byName.GetValueOrDefault(name);
}
