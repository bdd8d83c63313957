using System.Globalization;

namespace Nightshift.Server.Hosting;

/// <summary>What to tell the user whose server cannot listen: which port, who may hold it, and what to do.</summary>
internal static class PortInUse
{
    public static string Message(ServerOptions options)
    {
        var port = options.Port.ToString(CultureInfo.InvariantCulture);
        var elsewhere = $"Start on another port (`nightshift up --port {NextPort(options.Port)}`, or `--port 0` for any free one), or stop the process that holds it.";
        if (ServerInfoFile.ReadLive(options.Home) is { } running && new Uri(running.Url).Port == options.Port)
        {
            var node = running.Node is null ? string.Empty : $"node {running.Node}, ";
            return $"Port {port} is in use: Nightshift already runs for the data folder {options.Home.Path} at {running.Url} ({node}process {running.Pid}). "
                + "Use that one (`nightshift ls`, `nightshift dashboard`), or stop it (Ctrl+C where it runs). "
                + "To run a second node on the same data folder, give it another port: `nightshift up --port 0`.";
        }
        return $"Port {port} on {options.BindAddress} is in use by another process. {elsewhere}";
    }

    private static string NextPort(int port) => (port < 65535 ? port + 1 : 1024).ToString(CultureInfo.InvariantCulture);
}
