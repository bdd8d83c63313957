namespace Nightshift.Core.Agents;

/// <summary>
/// A run's own MCP endpoint on the server (the agent bridge) and the bearer token that is valid
/// for that run only. Runtimes put both into the agent's MCP configuration; the token never goes
/// into a log or an event.
/// </summary>
public sealed record AgentBridgeEndpoint(Uri Url, string Token)
{
    /// <summary>The name the bridge's MCP server has in every agent's configuration.</summary>
    public const string ServerName = "nightshift";

    public override string ToString() => $"AgentBridgeEndpoint {{ Url = {Url}, Token = *** }}";
}
