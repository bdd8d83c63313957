using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Nightshift.Core.Tests.Board;

/// <summary>Counts the SQL statements a store context runs, to catch a query that goes N+1.</summary>
internal sealed class StatementCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
