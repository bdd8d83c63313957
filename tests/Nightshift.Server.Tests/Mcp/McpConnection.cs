using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Nightshift.Server.Tests.Mcp;

/// <summary>An MCP client over Streamable HTTP with a bearer token, and the text of a tool's result.</summary>
internal static class McpConnection
{
    public static Task<McpClient> ConnectAsync(Uri endpoint, string token) =>
        McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = endpoint,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            }),
            cancellationToken: Xunit.TestContext.Current.CancellationToken);

    public static async Task<(bool IsError, string Text)> CallAsync(this McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: Xunit.TestContext.Current.CancellationToken);
        return (result.IsError == true, string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text)));
    }
}
