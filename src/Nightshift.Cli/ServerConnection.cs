using Nightshift.Client;
using Nightshift.Core.Storage;
using Nightshift.Server.Hosting;

namespace Nightshift.Cli;

/// <summary>
/// Finds the running server: NIGHTSHIFT_URL and NIGHTSHIFT_TOKEN when set, else the server.json
/// and token files in the data folder.
/// </summary>
public static class ServerConnection
{
    public static NightshiftClient Connect(NightshiftHome home)
    {
        var url = Environment.GetEnvironmentVariable("NIGHTSHIFT_URL");
        var token = Environment.GetEnvironmentVariable("NIGHTSHIFT_TOKEN");
        if (string.IsNullOrEmpty(url))
        {
            url = ServerInfoFile.ReadLive(home)?.Url
                ?? throw new ServerUnavailableException($"No Nightshift server is running for the data folder {home.Path}. Start one with `nightshift up`.");
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
}
