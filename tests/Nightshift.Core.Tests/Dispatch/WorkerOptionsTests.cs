using Nightshift.Core.Dispatch;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Dispatch;

public sealed class WorkerOptionsTests
{
    [Fact]
    public void LeaseDuration_IsFiveHeartbeats_UnlessSet()
    {
        new WorkerOptions().LeaseDuration.ShouldBe(TimeSpan.FromSeconds(50));
        new WorkerOptions { HeartbeatInterval = TimeSpan.FromSeconds(2) }.LeaseDuration.ShouldBe(TimeSpan.FromSeconds(10));
        new WorkerOptions { LeaseDuration = TimeSpan.FromMinutes(1) }.LeaseDuration.ShouldBe(TimeSpan.FromMinutes(1));
        new WorkerOptions().MinFreeDiskBytes.ShouldBe(2L * 1024 * 1024 * 1024);
    }

    [Fact]
    public void Validate_ALeaseShorterThanTwoHeartbeats_IsRefusedNamingTheSetting()
    {
        var options = new WorkerOptions { HeartbeatInterval = TimeSpan.FromSeconds(10), LeaseDuration = TimeSpan.FromSeconds(15) };

        var error = Should.Throw<ArgumentException>(options.Validate);

        error.Message.ShouldContain("WorkerOptions.LeaseDuration");
        error.Message.ShouldContain("at least 00:00:20");
    }

    [Fact]
    public void Validate_TheDefaults_AreAccepted() => new WorkerOptions().Validate();
}
