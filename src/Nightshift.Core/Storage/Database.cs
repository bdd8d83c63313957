using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Nightshift.Core.Storage;

/// <summary>Builds the options for the store and brings its schema up to date.</summary>
public static class Database
{
    public static DbContextOptions<NightshiftDb> SqliteOptions(string databasePath)
    {
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        return new DbContextOptionsBuilder<NightshiftDb>()
            .UseSqlite(connection)
            .AddInterceptors(new SqlitePragmas())
            .Options;
    }

    /// <summary>Applies pending migrations; safe to call on every start.</summary>
    public static async Task MigrateAsync(DbContextOptions<NightshiftDb> options, CancellationToken cancellationToken)
    {
        await using var db = new NightshiftDb(options);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
