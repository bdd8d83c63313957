using Microsoft.EntityFrameworkCore.Design;

namespace Nightshift.Core.Storage;

/// <summary>Lets `dotnet ef migrations add` build the model without a host.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<NightshiftDb>
{
    public NightshiftDb CreateDbContext(string[] args) =>
        new(Database.SqliteOptions(Path.Combine(Path.GetTempPath(), "nightshift-design.db")));
}
