using System.Net.Sockets;
using Nightshift.Client;
using Nightshift.Core.Storage;
using Nightshift.Server.Hosting;

namespace Nightshift.Cli.Connection;

/// <summary>
/// Finds the running server: NIGHTSHIFT_URL and NIGHTSHIFT_TOKEN when set, else the server.json
/// and token files in the data folder.
/// </summary>
public static class ServerConnection
{
    /// <summary>How long a probe of server.json's address waits for an answer before taking the server as there.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public static NightshiftClient Connect(NightshiftHome home)
    {
        var url = Environment.GetEnvironmentVariable("NIGHTSHIFT_URL");
        var token = Environment.GetEnvironmentVariable("NIGHTSHIFT_TOKEN");
        if (string.IsNullOrEmpty(url))
        {
            url = ServerInfoFile.ReadLive(home)?.Url
                ?? throw new ServerUnavailableException(
                    $"No Nightshift server is running for the data folder {home.Path}. Start one with `nightshift up`; without one, ls, show, logs and inbox read the database as it was left, and nothing can be changed.");
        }
        if (string.IsNullOrEmpty(token))
        {
            token = File.Exists(home.TokenPath)
                ? File.ReadAllText(home.TokenPath).Trim()
                : throw new ServerUnavailableException($"No access token in {home.Path}. Start the server once with `nightshift up`, or set NIGHTSHIFT_TOKEN.");
        }
        return new NightshiftClient(new Uri(url.EndsWith('/') ? url : url + "/"), token);
    }

    public static bool IsRunning(NightshiftHome home) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NIGHTSHIFT_URL")) || ServerInfoFile.ReadLive(home) is not null;

    /// <summary>
    /// Null when there is a server to ask: NIGHTSHIFT_URL names one, or something listens at the
    /// address in server.json. Otherwise why there is none, as words to follow "no server is running":
    /// empty when there is no server.json, the refused address when a killed server left its server.json behind.
    /// </summary>
    public static async Task<string?> NotRunningAsync(NightshiftHome home, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NIGHTSHIFT_URL")))
        {
            return null;
        }
        if ((ServerInfoFile.ReadLive(home) ?? ServerInfoFile.Read(home)) is not { } info)
        {
            return string.Empty;
        }
        if (!Uri.TryCreate(info.Url, UriKind.Absolute, out var url))
        {
            return null;
        }
        using var tcp = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await tcp.ConnectAsync(url.Host, url.Port, timeout.Token);
            return null;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            // Nothing listens there: the server that wrote server.json was stopped without removing it.
            return $" (nothing answers at {info.Url}, where the server.json of process {info.Pid} says it listens)";
        }
        catch (SocketException)
        {
            // Some other trouble reaching it: the request itself will say what.
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Slow, not gone: the request itself will say what is wrong.
            return null;
        }
    }
}
