using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Components.Shared;

/// <summary>
/// A page that stays current without reloading: it loads once, then reloads whenever the engine in
/// this process signals a change (for one task, or any), and every <see cref="PollInterval"/> in
/// any case so writes by other nodes show up too. Bursts of changes are coalesced.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    /// <summary>The fallback poll, for changes made by another node sharing the store.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long to gather a burst of changes before one reload.</summary>
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _stop = new();
    private bool _following;

    [Inject]
    private EventSignal Signal { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<LiveComponent> Logger { get; set; } = default!;

    /// <summary>Cancelled when the page goes away.</summary>
    protected CancellationToken PageClosed => _stop.Token;

    /// <summary>The least time between two reloads, for pages whose read is heavy; a change after a quiet spell still shows after <see cref="Coalesce"/>.</summary>
    protected virtual TimeSpan MinimumReloadGap => TimeSpan.Zero;

    /// <summary>The task whose changes reload this page; null reloads on any change.</summary>
    protected virtual TaskId? Followed => null;

    /// <summary>Reads what the page shows. Runs on the renderer's context.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    protected override Task OnParametersSetAsync() => LoadAsync(_stop.Token);

    protected override void OnAfterRender(bool firstRender)
    {
        // Only an interactive render follows changes; the prerender ends with its request.
        if (firstRender && !_following)
        {
            _following = true;
            _ = FollowAsync(_stop.Token);
        }
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lastLoad = Time.GetTimestamp();
            var change = NextChange(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.WhenAny(change, Task.Delay(PollInterval, Time, cancellationToken));
                var gap = MinimumReloadGap - Time.GetElapsedTime(lastLoad);
                await Task.Delay(gap > Coalesce ? gap : Coalesce, Time, cancellationToken);
                // Armed before the read, so a change that lands while the page reads still wakes
                // the next round instead of waiting for the poll (or the change after it).
                change = NextChange(cancellationToken);
                lastLoad = Time.GetTimestamp();
                await InvokeAsync(async () =>
                {
                    await LoadAsync(cancellationToken);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
#pragma warning disable CA1031 // A page that fails to refresh must not take the circuit down; it says so in the log.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning(ex, "A dashboard page stopped following changes");
        }
    }

    private Task NextChange(CancellationToken cancellationToken) =>
        Followed is { } task ? Signal.WaitForTaskAsync(task, cancellationToken) : Signal.WaitForAnyAsync(cancellationToken);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
