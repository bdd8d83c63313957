using Microsoft.Extensions.DependencyInjection;
using Nightshift.Core.Agents;
using Nightshift.Core.Bridge;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Tests.Mcp;

/// <summary>
/// A bridge ticket for a run that exists only in this process's lease table, not in the store:
/// enough for the auth decision and for input that is refused before anything is written.
/// </summary>
internal sealed class FakeRun : IDisposable
{
    private readonly RunLease _lease;

    public FakeRun(NightshiftServer server, long runId)
    {
        _lease = new RunLease(new RunRecord { Id = new RunId(runId), TaskId = new TaskId(runId), Attempt = 1, Agent = "command", NodeId = "test" }, CancellationToken.None);
        Ticket = server.Services.GetRequiredService<BridgeIssuer>().Issue(_lease, NoFeedback.Instance, () => Task.CompletedTask)
            ?? throw new InvalidOperationException("The server serves no bridge.");
    }

    public BridgeTicket Ticket { get; }

    public Uri Url => Ticket.Endpoint.Url;

    public string Token => Ticket.Endpoint.Token;

    public void Dispose()
    {
        Ticket.Dispose();
        _lease.Dispose();
    }
}
