using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nightshift.ScriptedModel;

/// <summary>What every endpoint does the same way: read the request body, and stream server-sent events.</summary>
internal static class EndpointIo
{
    public static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>
    /// Writes each item as one server-sent event (with an <c>event:</c> line when it is named), flushed
    /// at once so the client sees the stream as it goes. <paramref name="newline"/> is the line end
    /// the API's own server uses.
    /// </summary>
    public static async Task WriteEventsAsync(HttpResponse response, IEnumerable<(string? Event, JsonObject Data)> events, CancellationToken cancellationToken, string newline = "\n")
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        foreach (var (name, data) in events)
        {
            var head = name is null ? string.Empty : $"event: {name}{newline}";
            await response.WriteAsync($"{head}data: {data.ToJsonString()}{newline}{newline}", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
    }
}
