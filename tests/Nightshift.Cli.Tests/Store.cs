using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Storage;

namespace Nightshift.Cli.Tests;

/// <summary>The database of a data folder that `nightshift up` processes use, read directly by a test.</summary>
internal sealed class Store(string home) : IDisposable
{
    private readonly DbContextOptions<NightshiftDb> _options = Database.SqliteOptions(new NightshiftHome(home).DatabasePath);

    public NightshiftDb Open() => new(_options);

    /// <summary>Polls <paramref name="read"/> until it returns a value (bounded); null when it never did.</summary>
    public async Task<T?> WaitForAsync<T>(Func<NightshiftDb, Task<T?>> read, TimeSpan timeout)
        where T : class
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            await using (var db = Open())
            {
                if (await read(db) is { } found)
                {
                    return found;
                }
            }
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                return null;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// True when a writer can take the database's write lock within <paramref name="timeout"/>:
    /// a process stopped in the middle of a write transaction would hold it forever.
    /// </summary>
    public async Task<bool> IsWritableAsync(TimeSpan timeout)
    {
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = new NightshiftHome(home).DatabasePath,
            DefaultTimeout = (int)Math.Ceiling(timeout.TotalSeconds),
            Pooling = false,
        }.ToString();
        await using var sqlite = new SqliteConnection(connection);
        await sqlite.OpenAsync();
        try
        {
            await using var begin = sqlite.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
            await begin.ExecuteNonQueryAsync();
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            return false;
        }
    }

    public void Dispose() => SqliteConnection.ClearAllPools();
}
