using Microsoft.EntityFrameworkCore;

namespace Nightshift.Core.Storage;

/// <summary>Hands out a short-lived context per unit of work; singletons never hold one.</summary>
public sealed class NightshiftDbFactory(DbContextOptions<NightshiftDb> options) : IDbContextFactory<NightshiftDb>
{
    public NightshiftDb CreateDbContext() => new(options);
}
