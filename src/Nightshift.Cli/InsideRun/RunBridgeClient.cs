using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Nightshift.Core.Agents;

namespace Nightshift.Cli.InsideRun;

/// <summary>
/// The run's own bridge, reached from a script inside the run through the address and token its
/// agent's environment carries. It speaks for that run only: the server takes the token on that
/// run's endpoint and nowhere else, and only while the run lasts.
/// </summary>
internal sealed class RunBridgeClient(McpClient client, HttpClient http, Uri endpoint) : IAsyncDisposable
{
    /// <summary>Connects to the bridge named by the environment; throws <see cref="NotInRunException"/> when a variable is missing.</summary>
    public static async Task<RunBridgeClient> ConnectAsync(Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var url = environment(AgentBridgeEndpoint.UrlVariable);
        var token = environment(AgentBridgeEndpoint.TokenVariable);
        string[] missing = [.. new[] { (AgentBridgeEndpoint.UrlVariable, url), (AgentBridgeEndpoint.TokenVariable, token) }
            .Where(v => string.IsNullOrWhiteSpace(v.Item2)).Select(v => v.Item1)];
        if (missing.Length > 0)
        {
            throw new NotInRunException(
                $"this command works only inside a Nightshift run (a `command` agent's script): {string.Join(" and ", missing)} {(missing.Length == 1 ? "is" : "are")} not set. "
                + "From outside a run, use `nightshift comment`, `answer` or `show`.");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new NotInRunException($"{AgentBridgeEndpoint.UrlVariable} is '{url}', not an http address; it is set by Nightshift for a run, so leave it as the run got it.");
        }
        // The bridge holds a question for up to LongestCall; the client waits a little longer than that.
        var http = new HttpClient { Timeout = AgentBridgeEndpoint.ToolCallTimeout };
        try
        {
            var transport = new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Endpoint = endpoint,
                    TransportMode = HttpTransportMode.StreamableHttp,
                    AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
                },
                http,
                ownsHttpClient: false);
            var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
            return new RunBridgeClient(client, http, endpoint);
        }
        catch (Exception ex) when (ex is HttpRequestException or McpException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            http.Dispose();
            throw new BridgeUnavailableException(Unreachable(endpoint, ex), ex);
        }
    }

    /// <summary>Calls a bridge tool; a refusal (bad input, a run that ended) becomes a <see cref="BridgeRefusedException"/> with the bridge's words.</summary>
    public async Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        CallToolResult result;
        try
        {
            result = await client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
        }
        catch (McpException ex)
        {
            throw new BridgeRefusedException(ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new BridgeUnavailableException(Unreachable(endpoint, ex), ex);
        }
        if (result.IsError == true)
        {
            throw new BridgeRefusedException(Text(result));
        }
        return result;
    }

    public static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    /// <summary>The data the bridge put under <paramref name="key"/> in the result's <c>_meta</c>, read as <typeparamref name="T"/>; null when it sent none.</summary>
    public static T? Meta<T>(CallToolResult result, string key, JsonSerializerOptions options)
        where T : class =>
        result.Meta?[key] is JsonObject data ? data.Deserialize<T>(options) : null;

    public async ValueTask DisposeAsync()
    {
        await client.DisposeAsync();
        http.Dispose();
    }

    private static string Unreachable(Uri endpoint, Exception ex) =>
        $"the run's bridge at {endpoint} did not take the call ({ex.Message}). A run's token works only while its run lasts; "
        + "if the run ended or was stopped, this script is left over from it.";
}
