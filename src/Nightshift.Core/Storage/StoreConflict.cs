using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Nightshift.Core.Storage;

/// <summary>Tells a lost race (retry with fresh data) from a real error (report it).</summary>
public static class StoreConflict
{
    private const int SqliteConstraint = 19;

    public static bool IsConflict(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException
        || (ex.InnerException is SqliteException { SqliteErrorCode: SqliteConstraint } sqlite
            && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal));
}
