using Nightshift.Core.Specs;
using Nightshift.Testing;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Specs;

public sealed class BranchNameTests
{
    public static TheoryData<string, bool> Names => new()
    {
        { "main", true },
        { "feature/login", true },
        { "release/2.0", true },
        { "a.lock.b", true },
        { "café", true },
        { "a@b", true },
        { "@a", true },
        { "@", true },
        { "head", true },
        { "x/HEAD", true },
        { "HEAD/x", true },
        { "o'brien", true },
        { "feat#1", true },
        { "refs/heads/x", true },
        { "", false },
        { "HEAD", false },
        { "-x", false },
        { "-", false },
        { "a..b", false },
        { "a.lock", false },
        { "a/b.lock/c", false },
        { ".a", false },
        { "a/.b", false },
        { ".", false },
        { "a.", false },
        { "a/", false },
        { "/a", false },
        { "a//b", false },
        { "a b", false },
        { "a\tb", false },
        { "a\u007fb", false },
        { "a~1", false },
        { "a^", false },
        { "a:b", false },
        { "a?", false },
        { "a*", false },
        { "a[1]", false },
        { "a\\b", false },
        { "a@{b", false },
        { "@{-1}", false },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void IsValid_AgreesWithGitCheckRefFormat(string name, bool valid)
    {
        Requirements.Git();

        GitCheckRefFormat.AcceptsBranch(name).ShouldBe(valid, $"git check-ref-format --branch '{name}'");
        BranchName.IsValid(name, out var reason).ShouldBe(valid, reason);
    }

    [Theory]
    [InlineData("a..b", "it contains '..'")]
    [InlineData("a b", "it contains a space")]
    [InlineData("wip.lock", "the part 'wip.lock' ends with '.lock'")]
    [InlineData("-x", "it starts with '-'")]
    [InlineData("", "it is empty")]
    public void IsValid_WithInvalidName_SaysWhy(string name, string reason)
    {
        BranchName.IsValid(name, out var why).ShouldBeFalse();

        why.ShouldBe(reason);
    }

    [Fact]
    public void IsValid_WithValidName_GivesNoReason()
    {
        BranchName.IsValid("feature/x", out var reason).ShouldBeTrue();

        reason.ShouldBeEmpty();
    }
}
