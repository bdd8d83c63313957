using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nightshift.ScriptedModel;

/// <summary>
/// A model on loopback that answers from a <see cref="Script"/>, speaking both OpenAI
/// (<c>POST /v1/chat/completions</c>, whole or streamed, and <c>GET /v1/models</c>) and Anthropic
/// Messages (<c>POST /v1/messages</c>, whole or streamed, and <c>POST /v1/messages/count_tokens</c>),
/// and OpenAI Responses (<c>POST /v1/responses</c>, whole or streamed).
/// Every chat or messages request is recorded in one sequence, so tests can assert what the client sent.
/// </summary>
public sealed class ScriptedModelServer : IAsyncDisposable
{
    /// <summary>The one model <c>/v1/models</c> lists; requests may name any model.</summary>
    public const string ModelName = "scripted";

    private readonly WebApplication _app;
    private readonly ScriptPlayer _player;

    private ScriptedModelServer(WebApplication app, ScriptPlayer player, Uri baseAddress)
    {
        _app = app;
        _player = player;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The OpenAI-style endpoint a client is configured with, e.g. <c>http://127.0.0.1:41234/v1</c>.</summary>
    public Uri Endpoint => new(BaseAddress, "v1");

    /// <summary>What an Anthropic client takes as its base URL (<c>ANTHROPIC_BASE_URL</c>): the root, without a trailing slash.</summary>
    public string AnthropicBaseUrl => BaseAddress.ToString().TrimEnd('/');

    /// <summary>What a Gemini client takes as its base URL (<c>GOOGLE_GEMINI_BASE_URL</c>): the root, without a trailing slash.</summary>
    public string GeminiBaseUrl => BaseAddress.ToString().TrimEnd('/');

    /// <summary>The chat and messages requests received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _player.Requests;

    /// <summary>Binds 127.0.0.1 on a free port and starts answering.</summary>
    public static async Task<ScriptedModelServer> StartAsync(Script script, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use(UnknownModels.HandleAsync);
        var player = new ScriptPlayer(script);
        var completions = new ChatCompletionsEndpoint(player, time ?? TimeProvider.System);
        app.MapPost("/v1/chat/completions", completions.HandleAsync);
        app.MapGet("/v1/models", ChatCompletionsEndpoint.ListModelsAsync);
        var messages = new MessagesEndpoint(player, time ?? TimeProvider.System);
        app.MapPost("/v1/messages", messages.HandleAsync);
        app.MapPost("/v1/messages/count_tokens", MessagesEndpoint.CountTokensAsync);
        app.MapPost(GenerateContentEndpoint.Route, new GenerateContentEndpoint(player, time ?? TimeProvider.System).HandleAsync);
        app.MapPost("/v1/responses", new ResponsesEndpoint(player, time ?? TimeProvider.System).HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ScriptedModelServer(app, player, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Completes once at least <paramref name="count"/> chat requests have arrived.</summary>
    public Task WaitForRequestsAsync(int count, CancellationToken cancellationToken = default) =>
        _player.WaitForRequestsAsync(count, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
