using CliWrap;
using CliWrap.Buffered;
using Nightshift.Testing;

namespace Nightshift.Cli.Tests;

/// <summary>
/// The CLI as a user installs it: `dotnet pack` of src/Nightshift.Cli into a temp folder, then
/// `dotnet tool install --tool-path` from there. Packed once per test class (it takes a minute or more).
/// </summary>
public sealed class InstalledTool : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("tool");

    /// <summary>The installed `nightshift` command.</summary>
    public string Executable => _dir.Combine("tools", "nightshift");

    /// <summary>The package's version, read from the name `dotnet pack` gave it.</summary>
    public string Version { get; private set; } = string.Empty;

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public static async Task<InstalledTool> PackAndInstallAsync()
    {
        var tool = new InstalledTool();
        var pack = tool._dir.Combine("pack");
        var project = Path.Combine(RepositoryRoot(), "src", "Nightshift.Cli");
        // Release, as `dotnet pack` does by default; restored already by the solution's build.
        await RunAsync("dotnet", ["pack", project, "-c", "Release", "-o", pack, "-nologo", "--no-restore"]);
        var package = Directory.GetFiles(pack, "Nightshift.*.nupkg").Single();
        tool.Version = Path.GetFileNameWithoutExtension(package)["Nightshift.".Length..];
        // Only the pack folder as a source: the test neither needs the network nor may pick up another package.
        var config = tool._dir.Combine("nuget.config");
        await File.WriteAllTextAsync(config, "<configuration><packageSources><clear /></packageSources></configuration>");
        await RunAsync("dotnet", ["tool", "install", "Nightshift", "--tool-path", tool._dir.Combine("tools"), "--add-source", pack, "--configfile", config]);
        return tool;
    }

    public async ValueTask DisposeAsync()
    {
        _dir.Dispose();
        await Task.CompletedTask;
    }

    private static async Task RunAsync(string program, string[] args)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var result = await CliWrap.Cli.Wrap(program).WithArguments(args).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(limit.Token);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed with {result.ExitCode}:\n{result.StandardOutput}\n{result.StandardError}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nightshift.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Nightshift.slnx not found above the test's folder: run the tests from the repository.");
    }
}
