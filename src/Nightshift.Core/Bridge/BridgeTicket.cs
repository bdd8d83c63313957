using Nightshift.Core.Agents;

namespace Nightshift.Core.Bridge;

/// <summary>A run's bridge while the run lasts: disposing it kills the token and withdraws any wait.</summary>
public sealed class BridgeTicket(AgentBridgeEndpoint endpoint, RunBridge bridge, Action revoke) : IDisposable
{
    public AgentBridgeEndpoint Endpoint => endpoint;

    public RunBridge Bridge => bridge;

    public void Dispose()
    {
        revoke();
        bridge.Dispose();
    }
}
