using System.Globalization;
using Nightshift.Client;
using Nightshift.Core.Storage;

namespace Nightshift.Cli.Offline;

/// <summary>
/// Where the read-only commands read from: the running server when there is one; otherwise the
/// database as the last server left it, read without changing it, with one line on stderr saying so.
/// </summary>
internal static class ReadSource
{
    public static async Task<INightshiftReader> OpenAsync(CliContext ctx, CancellationToken cancellationToken)
    {
        if (await ServerConnection.NotRunningAsync(ctx.Home, cancellationToken) is not { } why)
        {
            return ctx.Connect();
        }
        var (store, problem) = await ReadOnlyStore.OpenAsync(ctx.Home.DatabasePath, cancellationToken);
        if (store is null)
        {
            throw new ServerUnavailableException(
                $"No Nightshift server is running for the data folder {ctx.Home.Path}{why}, and its database cannot be read without one: {problem}. Start one with `nightshift up`.");
        }
        var at = store.LastWritten.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        ctx.Output.Error($"note: no server is running{why}; showing the database as it was at {at} (read-only). Start one with `nightshift up` to see work go on or change anything.");
        if (WriteAheadLog.MissingLogWarning(ctx.Home.DatabasePath) is { } lost)
        {
            ctx.Output.Error($"warning: {lost}");
        }
        return new StoreReader(store, ctx.Home);
    }
}
