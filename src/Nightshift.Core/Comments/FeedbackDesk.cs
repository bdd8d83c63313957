using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Agents;
using Nightshift.Core.Events;
using Nightshift.Core.Runs;
using Nightshift.Core.Storage;
using Nightshift.Core.Tasks;

namespace Nightshift.Core.Comments;

/// <summary>Hands each run its <see cref="IAgentFeedback"/>.</summary>
public sealed class FeedbackDesk(IDbContextFactory<NightshiftDb> dbs, TaskBoard board, EventSignal signal)
{
    public IAgentFeedback For(TaskId task, RunId run) => new RunFeedback(dbs, board, signal, task, run);
}
