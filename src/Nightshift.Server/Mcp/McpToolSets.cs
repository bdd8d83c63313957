using ModelContextProtocol.Server;

namespace Nightshift.Server.Mcp;

/// <summary>The tools of each MCP endpoint, built once at start.</summary>
internal sealed record McpToolSets(McpServerPrimitiveCollection<McpServerTool> Bridge, McpServerPrimitiveCollection<McpServerTool> Control);
