using System.Net;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

public sealed class DashboardLinkTests
{
    [Fact]
    public async Task A_link_from_the_api_signs_a_browser_in_once()
    {
        await using var h = await ServerHarness.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var link = await h.Client.NewSignInLinkAsync(ct);
        link.Url.ShouldStartWith(h.Server.Url + "signin/link/");
        link.ValidFor.ShouldBe(TimeSpan.FromHours(24));

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var first = await browser.GetAsync(link.Url, ct);
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.ToString().ShouldBe("/");
        cookies.GetCookies(h.Server.Url).Select(c => c.Name).ShouldContain("nightshift");
        (await browser.GetAsync(h.Server.Url, ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var other = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var again = await other.GetAsync(link.Url, ct);
        again.Headers.Location!.ToString().ShouldBe("/signin?link=spent");
        (await other.GetAsync(h.Server.Url, ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Each_link_is_its_own_and_a_made_up_one_signs_nobody_in()
    {
        await using var h = await ServerHarness.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var a = await h.Client.NewSignInLinkAsync(ct);
        var b = await h.Client.NewSignInLinkAsync(ct);
        a.Url.ShouldNotBe(b.Url);

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var forged = a.Url[..^4] + "AAAA";
        (await http.GetAsync(forged, ct)).Headers.Location!.ToString().ShouldBe("/signin?link=spent");
        // The forged attempt spent nothing: the real link still works.
        (await http.GetAsync(a.Url, ct)).Headers.Location!.ToString().ShouldBe("/");
    }
}
