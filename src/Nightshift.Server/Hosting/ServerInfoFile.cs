using System.Text.Json;
using Nightshift.Client;
using Nightshift.Core.Storage;

namespace Nightshift.Server.Hosting;

/// <summary>
/// server.json in the data folder: where the running server listens, so the CLI finds it.
/// Written when the server is listening, removed when it stops.
/// </summary>
public static class ServerInfoFile
{
    public static void Write(NightshiftHome home, ServerInfo info)
    {
        // A temp file per process: two servers on one data folder (a second node) must not trip over
        // each other's temp file. The last one to start wins server.json.
        var temp = $"{home.ServerInfoPath}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(info, NightshiftClient.Json));
        File.Move(temp, home.ServerInfoPath, overwrite: true);
    }

    public static ServerInfo? Read(NightshiftHome home)
    {
        try
        {
            return JsonSerializer.Deserialize<ServerInfo>(File.ReadAllText(home.ServerInfoPath), NightshiftClient.Json);
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }

    public static void Remove(NightshiftHome home, int pid)
    {
        // Only the process that wrote it removes it: a second server must not erase the first one's address.
        if (Read(home) is { } info && info.Pid == pid)
        {
            File.Delete(home.ServerInfoPath);
        }
    }
}
