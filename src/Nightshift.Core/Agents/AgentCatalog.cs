namespace Nightshift.Core.Agents;

/// <summary>The runtimes this process can run, by the name specs use.</summary>
public sealed class AgentCatalog(IEnumerable<IAgentRuntime> runtimes)
{
    private readonly Dictionary<string, IAgentRuntime> _byName = runtimes.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<IAgentRuntime> All => _byName.Values;

    public IAgentRuntime? Find(string name) => _byName.GetValueOrDefault(name);
}
