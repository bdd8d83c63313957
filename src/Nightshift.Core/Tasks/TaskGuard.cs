using Nightshift.Core.Storage;

namespace Nightshift.Core.Tasks;

/// <summary>
/// A condition a task change commits under, checked in the change's own transaction before the
/// task is read: a conditional UPDATE (a run's fence) that returns how many rows it matched. No
/// row matched, and the change is refused; a matched row stays locked until the commit.
/// </summary>
public delegate Task<int> TaskGuard(NightshiftDb db, CancellationToken cancellationToken);
