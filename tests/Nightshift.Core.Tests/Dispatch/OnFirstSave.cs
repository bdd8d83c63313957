using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Nightshift.Core.Tests.Dispatch;

/// <summary>Runs <c>meddle</c> once, just before the first save through the store it is added to: another writer gets in between a read and its write.</summary>
internal sealed class OnFirstSave(Func<Task> meddle) : SaveChangesInterceptor
{
    public bool Fired { get; private set; }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!Fired)
        {
            Fired = true;
            await meddle();
        }
        return result;
    }
}
