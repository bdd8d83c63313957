using System.Text.Json.Nodes;

namespace Nightshift.Core.Agents.ClaudeCode;

/// <summary>
/// The <c>--mcp-config</c> file that points Claude Code at the run's bridge. It holds the run's
/// token, so it lives in the task's state folder (never the worktree, which is committed) and is
/// readable by its owner only.
/// </summary>
internal static class ClaudeCodeMcpConfig
{
    public static string Write(string stateFolder, AgentBridgeEndpoint bridge)
    {
        Directory.CreateDirectory(stateFolder);
        var path = Path.Combine(stateFolder, "mcp.json");
        var config = new JsonObject
        {
            ["mcpServers"] = new JsonObject
            {
                [AgentBridgeEndpoint.ServerName] = new JsonObject
                {
                    ["type"] = "http",
                    ["url"] = bridge.Url.ToString(),
                    ["headers"] = new JsonObject { ["Authorization"] = "Bearer " + bridge.Token },
                },
            },
        };
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(new FileStream(path, options)))
        {
            writer.Write(config.ToJsonString());
        }
        if (!OperatingSystem.IsWindows())
        {
            // An earlier run's file keeps its mode otherwise; UnixCreateMode applies to new files only.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return path;
    }
}
