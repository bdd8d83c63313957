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

    /// <summary>
    /// The variables that carry the endpoint to an agent that takes no MCP configuration (the
    /// command agent): its scripts call <c>nightshift report</c>, <c>ask</c> and <c>decide</c>, which read them.
    /// </summary>
    public const string UrlVariable = "NIGHTSHIFT_BRIDGE_URL";

    /// <inheritdoc cref="UrlVariable"/>
    public const string TokenVariable = "NIGHTSHIFT_BRIDGE_TOKEN";

    /// <summary>
    /// The longest the bridge holds one tool call (a question waiting for its answer). Runtimes
    /// set their agent's MCP tool-call timeout above this, so the agent never abandons a call the
    /// bridge is still going to answer. It stays under five minutes, the default limit of Node's
    /// HTTP client on a response that sends nothing, which the npm-installed agent CLIs run on.
    /// </summary>
    public static TimeSpan LongestCall { get; } = TimeSpan.FromMinutes(4);

    /// <summary>What a runtime sets its agent's MCP tool-call timeout to: <see cref="LongestCall"/> and a margin.</summary>
    public static TimeSpan ToolCallTimeout { get; } = LongestCall + TimeSpan.FromMinutes(1);

    public override string ToString() => $"AgentBridgeEndpoint {{ Url = {Url}, Token = *** }}";
}
