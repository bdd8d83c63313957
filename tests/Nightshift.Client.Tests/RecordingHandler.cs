using System.Net;

namespace Nightshift.Client.Tests;

/// <summary>The HTTP seam of the client: records requests and answers with what the test says.</summary>
internal sealed class RecordingHandler(HttpStatusCode status, string body, string mediaType = "application/json") : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType),
        });
    }
}
