using System.Diagnostics;
using CliWrap;
using CliWrap.Buffered;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>
/// `dotnet pack` + `dotnet tool install`, as the README has a user install Nightshift: the tool
/// carries what it needs at run time (the server, the dashboard's files, the scripted model).
/// </summary>
public sealed class ToolPackageTests(ToolPackageTests.Fixture tool) : IClassFixture<ToolPackageTests.Fixture>
{
    [Fact]
    public async Task TheInstalledTool_PrintsItsPackagesVersion()
    {
        var result = await RunAsync(tool.Installed.Executable, ["--version"], tool.Installed.Combine("home"));

        result.ExitCode.ShouldBe(0, result.StandardError);
        var printed = result.StandardOutput.Trim();
        // The informational version: the package's, with the commit after a '+' when built from git.
        printed.Split('+')[0].ShouldBe(tool.Installed.Version);
    }

    [Fact]
    public async Task TheInstalledTool_RunsTheDemo()
    {
        Requirements.Git();
        using var demo = new TempDirectory("tool-demo");

        var result = await RunAsync(tool.Installed.Executable, ["demo", "--dir", demo.Path], demo.Combine("unused-home"));

        result.ExitCode.ShouldBe(0, result.StandardOutput + result.StandardError);
        result.StandardOutput.ShouldContain("SCRIPTED");
        result.StandardOutput.ShouldContain("Approved and merged #4");
    }

    [Fact]
    public async Task TheInstalledTool_ServesTheDashboardsStyles()
    {
        using var home = new TempDirectory("tool-home");
        var start = new ProcessStartInfo(tool.Installed.Executable, ["up", "--port", "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["NIGHTSHIFT_HOME"] = home.Path;
        start.Environment["NO_COLOR"] = "1";
        await using var up = await UpProcess.StartAsync(start, home.Path);
        using var http = new HttpClient { BaseAddress = new Uri(up.Info.Url) };

        var signIn = await http.GetStringAsync("signin", TestContext.Current.CancellationToken);
        signIn.ShouldContain("_content/Nightshift.Server/dashboard.css");
        signIn.ShouldContain("_content/MudBlazor/MudBlazor.min.css");
        foreach (var asset in (string[])["_content/Nightshift.Server/dashboard.css", "_content/MudBlazor/MudBlazor.min.css", "_framework/blazor.web.js"])
        {
            using var response = await http.GetAsync(asset, TestContext.Current.CancellationToken);
            response.IsSuccessStatusCode.ShouldBeTrue($"{asset}: {response.StatusCode}\n{up.Log}");
            (await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length.ShouldBeGreaterThan(1000, asset);
        }
    }

    private static Task<BufferedCommandResult> RunAsync(string executable, string[] args, string home) =>
        CliWrap.Cli.Wrap(executable)
            .WithArguments(args)
            .WithEnvironmentVariables(e => e.Set("NIGHTSHIFT_HOME", home).Set("NO_COLOR", "1").Set("NIGHTSHIFT_URL", null).Set("NIGHTSHIFT_TOKEN", null))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);

    /// <summary>One pack and install for the class.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public InstalledTool Installed { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Installed = await InstalledTool.PackAndInstallAsync();

        public async ValueTask DisposeAsync()
        {
            if (Installed is not null)
            {
                await Installed.DisposeAsync();
            }
        }
    }
}
