using System.Net;
using System.Net.Sockets;
using Nightshift.Cli.Shell;
using Nightshift.Client;
using Nightshift.Core.Storage;
using Nightshift.Server.Hosting;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>
/// `nightshift up` where something already runs: a port held by another program, a second server
/// on the same data folder. Real processes, as a user starts them.
/// </summary>
public sealed class UpConflictTests : IDisposable
{
    private readonly TempDirectory _home = new("home");

    private NightshiftHome Home => new(_home.Path);

    [Fact]
    public async Task Up_OnAPortAnotherProgramHolds_SaysWhichPortAndWhatToDo_OnceAndWithoutAStackTrace()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var (exit, stdout, stderr) = await NightshiftProcess.RunAsync(_home.Path, _home.Path, "up", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        exit.ShouldBe(ExitCodes.InUse, stdout + stderr);
        stderr.ShouldStartWith($"error: Port {port} on 127.0.0.1 is in use by another process. Start on another port (`nightshift up --port ");
        stderr.ShouldContain("`--port 0` for any free one), or stop the process that holds it.");
        stderr.Trim().Split('\n').Length.ShouldBe(1, stderr);
        (stdout + stderr).ShouldNotContain("Exception");
        (stdout + stderr).ShouldNotContain("   at ");
        File.Exists(Home.ServerInfoPath).ShouldBeFalse();
    }

    [Fact]
    public async Task Up_OnThePortOfThisDataFoldersServer_SaysNightshiftAlreadyRunsThere()
    {
        await using var first = await UpProcess.StartAsync(_home.Path);
        var port = new Uri(first.Info.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exit, stdout, stderr) = await NightshiftProcess.RunAsync(_home.Path, _home.Path, "up", "--port", port);

        exit.ShouldBe(ExitCodes.InUse, stdout + stderr);
        stderr.ShouldContain($"Port {port} is in use: Nightshift already runs for the data folder {_home.Path} at {first.Info.Url} (node {first.Info.Node}, process {first.Pid}).");
        stderr.ShouldContain("`nightshift up --port 0`");
        (stdout + stderr).ShouldNotContain("   at ");
        ServerInfoFile.Read(Home)!.Pid.ShouldBe(first.Pid);
    }

    [Fact]
    public async Task ASecondUp_GetsItsOwnNodeName_AndLeavesServerJsonToTheFirst_EvenWhenItStops()
    {
        await using var first = await UpProcess.StartAsync(_home.Path);
        await using var second = await UpProcess.StartAsync(_home.Path);

        first.Info.Node.ShouldBe(NodeLock.DefaultName());
        second.Info.Node.ShouldBe(NodeLock.DefaultName() + "-2");
        // Printed a moment after it listens.
        await InProcessCli.WaitUntilAsync(() => Task.FromResult(second.Log.Contains("Worker ", StringComparison.Ordinal)));
        second.Log.ShouldContain($"Another node ({first.Info.Node}) already serves this data folder at {first.Info.Url}");
        ServerInfoFile.Read(Home)!.Pid.ShouldBe(first.Pid);
        using (var client = new NightshiftClient(new Uri(first.Info.Url), (await File.ReadAllTextAsync(Home.TokenPath)).Trim()))
        {
            // Each registers once its worker starts, a moment after it listens.
            await InProcessCli.WaitUntilAsync(async () => (await client.GetNodesAsync()).Nodes.Count(n => n.Alive) == 2);
            var nodes = (await client.GetNodesAsync()).Nodes;
            nodes.Where(n => n.Alive).Select(n => n.Id).Order().ShouldBe([first.Info.Node!, second.Info.Node!]);
        }

        await StopAsync(second);

        var info = ServerInfoFile.Read(Home);
        info.ShouldNotBeNull("stopping the second node removed the first one's server.json");
        info.Pid.ShouldBe(first.Pid);
        var ls = await NightshiftProcess.RunAsync(_home.Path, _home.Path, "ls");
        ls.Exit.ShouldBe(ExitCodes.Ok, ls.Err);
    }

    [Fact]
    public async Task WhenTheFirstUpStops_ServerJsonGoesToTheNodeStillRunning()
    {
        var first = await UpProcess.StartAsync(_home.Path);
        await using var second = await UpProcess.StartAsync(_home.Path);

        await StopAsync(first);
        await first.DisposeAsync();

        ServerInfoFile.Read(Home).ShouldBe(second.Info);
        var ls = await NightshiftProcess.RunAsync(_home.Path, _home.Path, "ls");
        ls.Exit.ShouldBe(ExitCodes.Ok, ls.Err);
        await StopAsync(second);
        File.Exists(Home.ServerInfoPath).ShouldBeFalse();
    }

    [Fact]
    public async Task AKilledFirstUp_LeavesTheCliTalkingToTheNodeStillRunning()
    {
        var first = await UpProcess.StartAsync(_home.Path);
        await using var second = await UpProcess.StartAsync(_home.Path);

        await first.SignalAsync("KILL");
        await first.WaitForExitAsync(TestContext.Current.CancellationToken);
        await first.DisposeAsync();

        ServerInfoFile.ReadLive(Home).ShouldBe(second.Info);
        var ls = await NightshiftProcess.RunAsync(_home.Path, _home.Path, "ls");
        ls.Exit.ShouldBe(ExitCodes.Ok, ls.Err);
    }

    [Fact]
    public async Task Up_WithTheNameOfALiveNode_IsRefused_AndTheRunningNodeKeepsServerJson()
    {
        await using var first = await UpProcess.StartAsync(_home.Path, "--node", "a");

        var (exit, stdout, stderr) = await NightshiftProcess.RunAsync(_home.Path, _home.Path, "up", "--port", "0", "--node", "a");

        exit.ShouldBe(ExitCodes.InUse, stdout + stderr);
        stderr.ShouldContain($"A node named 'a' already runs on the data folder {_home.Path} at {first.Info.Url} (process {first.Pid}).");
        stderr.ShouldContain("--node <name>");
        ServerInfoFile.Read(Home)!.Pid.ShouldBe(first.Pid);
    }

    public void Dispose() => _home.Dispose();

    private static async Task StopAsync(UpProcess up)
    {
        await up.SignalAsync("TERM");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await up.WaitForExitAsync(limit.Token);
    }
}
