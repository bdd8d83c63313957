using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Agents;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Comments;

/// <summary>Hands each run its <see cref="IAgentFeedback"/>.</summary>
public sealed class FeedbackDesk(IDbContextFactory<NightshiftDb> dbs, RunFence fence, TaskBoard board, EventSignal signal)
{
    public IAgentFeedback For(RunLease lease) => new RunFeedback(dbs, fence, board, signal, lease);
}
