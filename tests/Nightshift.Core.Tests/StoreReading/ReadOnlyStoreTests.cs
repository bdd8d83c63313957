using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Storage;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.StoreReading;

/// <summary>A database no server has open is read without a byte changing in its folder, whether its server stopped cleanly or was killed.</summary>
public sealed class ReadOnlyStoreTests
{
    private const string Spec = "---\ncommand: \"true\"\n---\n# Read me\n\nBody.\n";

    [Fact]
    public async Task ACleanlyClosedDatabase_IsRead_AndNoFileIsCreatedOrTouched()
    {
        using var left = new TempDirectory("left");
        await using (var engine = await EngineHarness.StartAsync())
        {
            await engine.AddAsync(Spec);
            await engine.AddAsync(Spec, "second.md");
            CopyStore(engine.Home.DatabasePath, left.Path, withSideFiles: false);
        }
        var before = FolderSnapshot.Take(left.Path);

        var titles = await ReadTitlesAsync(Path.Combine(left.Path, "nightshift.db"));

        titles.ShouldBe(["Read me", "Read me"]);
        FolderSnapshot.Take(left.Path).Difference(before).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheLogAKilledServerLeft_IsRead_AndNeitherItNorItsIndexIsWritten()
    {
        using var left = new TempDirectory("left");
        await using (var engine = await EngineHarness.StartAsync())
        {
            await engine.AddAsync(Spec);
            // Copied while the engine holds the database open: the files as a killed process leaves them.
            CopyStore(engine.Home.DatabasePath, left.Path, withSideFiles: true);
        }
        new FileInfo(Path.Combine(left.Path, "nightshift.db-wal")).Length.ShouldBeGreaterThan(0);
        var before = FolderSnapshot.Take(left.Path);

        var titles = await ReadTitlesAsync(Path.Combine(left.Path, "nightshift.db"));

        titles.ShouldBe(["Read me"]);
        FolderSnapshot.Take(left.Path).Difference(before).ShouldBeEmpty();
    }

    [Fact]
    public async Task ALogWithoutItsIndex_IsNotRead_SayingWhy_AndNothingIsCreated()
    {
        using var left = new TempDirectory("left");
        await using (var engine = await EngineHarness.StartAsync())
        {
            await engine.AddAsync(Spec);
            CopyStore(engine.Home.DatabasePath, left.Path, withSideFiles: true);
        }
        File.Delete(Path.Combine(left.Path, "nightshift.db-shm"));
        var before = FolderSnapshot.Take(left.Path);

        var (store, problem) = await ReadOnlyStore.OpenAsync(Path.Combine(left.Path, "nightshift.db"), CancellationToken.None);

        store.ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain("nightshift.db-shm");
        FolderSnapshot.Take(left.Path).Difference(before).ShouldBeEmpty();
    }

    [Fact]
    public async Task NoDatabase_IsNotCreated()
    {
        using var empty = new TempDirectory("empty");

        var (store, problem) = await ReadOnlyStore.OpenAsync(Path.Combine(empty.Path, "nightshift.db"), CancellationToken.None);

        store.ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain("no database");
        Directory.EnumerateFileSystemEntries(empty.Path).ShouldBeEmpty();
    }

    private static async Task<List<string>> ReadTitlesAsync(string databasePath)
    {
        var (store, problem) = await ReadOnlyStore.OpenAsync(databasePath, CancellationToken.None);
        store.ShouldNotBeNull(problem);
        await using var db = new NightshiftDb(store.Options);
        return await db.Tasks.OrderBy(t => t.Id).Select(t => t.Title).ToListAsync();
    }

    private static void CopyStore(string databasePath, string folder, bool withSideFiles)
    {
        if (!withSideFiles)
        {
            // Closing the last connection checkpoints the log into the database and removes both side files.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        foreach (var suffix in withSideFiles ? new[] { string.Empty, "-wal", "-shm" } : [string.Empty])
        {
            File.Copy(databasePath + suffix, Path.Combine(folder, "nightshift.db" + suffix));
        }
        if (!withSideFiles)
        {
            File.Exists(databasePath + "-wal").ShouldBeFalse("a clean close removes the log");
        }
    }
}
