using Nightshift.Cli.Shell;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>
/// `nightshift agents` with no server (this machine's agents) and with one (the server's, and where
/// this machine differs), and `add` refusing a task whose agent's CLI is too old on the server.
/// The CLIs are stand-ins that answer --version: the real CLI is never run.
/// </summary>
public sealed class AgentsCommandTests : IDisposable
{
    private const string TooOldNote = "too old: 2.0.1 found, 2.1.197 or newer needed: npm install -g @anthropic-ai/claude-code@2.1.328";

    private readonly TempDirectory _home = new("agents-home");
    private readonly TempDirectory _clis = new("agents-clis");

    [Fact]
    public async Task Agents_WithNoServer_ReportsThisMachine_AndMarksATooOldCli()
    {
        var old = CliStandIn.Write(Path.Combine(_clis.Path, "old"), "claude", "2.0.1 (Claude Code)");

        var (exit, stdout, stderr) = await RunAsync(old, _home.Path, "agents");

        exit.ShouldBe(ExitCodes.Ok, stderr);
        stderr.ShouldContain("no server is running");
        stderr.ShouldContain("agents on this machine");
        var claude = stdout.Split('\n').Single(l => l.StartsWith("claude-code", StringComparison.Ordinal));
        claude.ShouldContain(old);
        claude.ShouldContain("2.0.1");
        claude.ShouldContain(TooOldNote);
    }

    [Fact]
    public async Task WithAServer_AgentsShowsTheServersView_AndWhereThisMachineDiffers_AndAddRefusesATooOldCli()
    {
        Requirements.Git();
        var old = CliStandIn.Write(Path.Combine(_clis.Path, "old"), "claude", "2.0.1 (Claude Code)");
        var current = CliStandIn.Write(Path.Combine(_clis.Path, "new"), "claude", "2.1.400 (Claude Code)");
        using var repo = GitRepo.Create();
        await using var up = await UpProcess.StartWithAsync(_home.Path, new Dictionary<string, string> { ["NIGHTSHIFT_CLAUDE_PATH"] = old });
        (await RunAsync(current, repo.Path, "init")).Exit.ShouldBe(ExitCodes.Ok);

        var (exit, stdout, stderr) = await RunAsync(current, repo.Path, "agents");

        exit.ShouldBe(ExitCodes.Ok, stderr);
        stderr.ShouldContain("as the running server sees them");
        stdout.Split('\n').Single(l => l.StartsWith("claude-code", StringComparison.Ordinal)).ShouldContain(TooOldNote);
        stderr.ShouldContain($"claude-code differs on this machine: CLI {current} here, {old} on the server; version 2.1.400 here, 2.0.1 on the server");

        var added = await RunAsync(current, repo.Path, "add", "-m", "---\nagent: claude-code\n---\n# Tidy up\n\nRemove the dead code.\n");

        added.Exit.ShouldBe(ExitCodes.InvalidSpec, added.Err);
        added.Err.ShouldContain($"agent: The claude-code agent's CLI {old} is {TooOldNote}");
        (await RunAsync(current, repo.Path, "ls")).Out.ShouldNotContain("Tidy up");
        File.Exists(CliStandIn.RanMarker(old)).ShouldBeFalse();
    }

    private Task<(int Exit, string Out, string Err)> RunAsync(string claude, string workDir, params string[] args)
    {
        var start = NightshiftProcess.StartInfo(_home.Path, workDir, args);
        start.Environment["NIGHTSHIFT_CLAUDE_PATH"] = claude;
        return NightshiftProcess.RunAsync(start);
    }

    public void Dispose()
    {
        _clis.Dispose();
        _home.Dispose();
    }
}
