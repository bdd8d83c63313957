using Microsoft.Playwright;
using Nightshift.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(Nightshift.Dashboard.Tests.BrowserFixture))]

namespace Nightshift.Dashboard.Tests;

/// <summary>
/// One headless Chromium for the whole test run: Debian's chromium (or NIGHTSHIFT_CHROMIUM),
/// driven by Playwright for .NET. Playwright never downloads a browser here.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string PathVariable = "NIGHTSHIFT_CHROMIUM";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _missing;

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : Requirements.FindOnPath("chromium");
        if (executable is null || !File.Exists(executable))
        {
            _missing = $"Chromium is not installed: apt-get install chromium (or set {PathVariable})";
            return;
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // This machine's network is closed: without these, Chromium keeps trying to reach Google.
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>The browser, or a skip (a failure under CI=true) saying how to install it.</summary>
    public IBrowser Browser
    {
        get
        {
            if (_browser is null)
            {
                Requirements.Missing(_missing ?? "Chromium did not start");
            }
            return _browser!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
