using System.ComponentModel;
using ModelContextProtocol.Server;

namespace Nightshift.Core.Tests.Agents.Codex;

/// <summary>The one bridge tool the test needs: progress reports, recorded by <see cref="TestBridge"/>.</summary>
[McpServerToolType]
internal sealed class BridgeTools(TestBridge bridge)
{
    [McpServerTool(Name = "report_progress")]
    [Description("Reports how far the task has got.")]
    public string ReportProgress([Description("What was done")] string message, [Description("Percent done")] int? percent = null)
    {
        bridge.Record(message, percent);
        return $"progress noted: {message}";
    }
}
