using System.Globalization;
using Nightshift.Cli.Connection;
using Nightshift.Cli.Terminal;
using Nightshift.Client;
using Nightshift.Core.Storage;

namespace Nightshift.Cli.Offline;

/// <summary>
/// Where the read-only commands read from: the running server when there is one; otherwise the
/// database as the last server left it, read without changing it, with one line on stderr saying so.
/// </summary>
internal static class ReadSource
{
    public static async Task<INightshiftReader> OpenAsync(NightshiftHome home, Output output, CancellationToken cancellationToken)
    {
        if (await ServerConnection.NotRunningAsync(home, cancellationToken) is not { } why)
        {
            return ServerConnection.Connect(home);
        }
        var (store, problem) = await ReadOnlyStore.OpenAsync(home.DatabasePath, cancellationToken);
        if (store is null)
        {
            throw new ServerUnavailableException(
                $"No Nightshift server is running for the data folder {home.Path}{why}, and its database cannot be read without one: {problem}. Start one with `nightshift up`.");
        }
        var at = store.LastWritten.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        output.Error($"note: no server is running{why}; showing the database as it was at {at} (read-only). Start one with `nightshift up` to see work go on or change anything.");
        if (WriteAheadLog.MissingLogWarning(home.DatabasePath) is { } lost)
        {
            output.Error($"warning: {lost}");
        }
        return new StoreReader(store, home);
    }
}
