using Nightshift.Cli.Shell;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Cli.Tests;

/// <summary>`up --ports`: a range the node cannot hand out is refused before anything starts, saying why.</summary>
public sealed class UpPortsTests
{
    [Theory]
    [InlineData("80-1000", "--ports: the first port 80 is below 1024")]
    [InlineData("many", "--ports: 'many' is not a port range")]
    public async Task Up_WithABadPortRange_RefusesToStart_NamingTheOption(string range, string message)
    {
        using var home = new TempDirectory("home");

        var (exit, _, stderr) = await InProcessCli.RunAsync(home, "up", "--port", "0", "--ports", range);

        exit.ShouldBe(ExitCodes.Usage, stderr);
        stderr.ShouldContain(message);
        File.Exists(Path.Combine(home.Path, "server.json")).ShouldBeFalse();
    }
}
