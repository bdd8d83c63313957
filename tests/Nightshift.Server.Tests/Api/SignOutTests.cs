using System.Net;
using System.Text.RegularExpressions;
using Shouldly;
using Xunit;

namespace Nightshift.Server.Tests.Api;

public sealed partial class SignOutTests
{
    [Fact]
    public async Task Signing_out_ends_the_session_so_a_copied_cookie_no_longer_works()
    {
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        var ct = TestContext.Current.CancellationToken;
        var (browser, cookies) = await SignedInAsync(h, ct);
        using var _ = browser;
        var copied = cookies.GetCookieHeader(h.Server.Url);
        copied.ShouldContain("nightshift=");

        var form = await SignOutFormAsync(browser, h, ct);
        var signedOut = await browser.PostAsync(new Uri(h.Server.Url, "signout"), form, ct);
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.ToString().ShouldBe("/signin");

        using var thief = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, h.Server.Url);
        request.Headers.Add("Cookie", copied);
        var replay = await thief.SendAsync(request, ct);
        replay.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replay.Headers.Location!.ToString().ShouldContain("/signin");
    }

    [Fact]
    public async Task A_sign_out_without_the_antiforgery_token_or_from_another_site_is_refused()
    {
        await using var h = await ServerHarness.StartAsync(runWorker: false);
        var ct = TestContext.Current.CancellationToken;
        var (browser, _) = await SignedInAsync(h, ct);
        using var __ = browser;

        var tokenless = await browser.PostAsync(new Uri(h.Server.Url, "signout"), new FormUrlEncodedContent([]), ct);
        tokenless.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tokenless.Content.ReadAsStringAsync(ct)).ShouldContain("antiforgery");

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, new Uri(h.Server.Url, "signout")) { Content = await SignOutFormAsync(browser, h, ct) };
        crossSite.Headers.Add("Origin", "http://evil.example");
        (await browser.SendAsync(crossSite, ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Both refusals left the session signed in.
        (await browser.GetAsync(h.Server.Url, ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<(HttpClient Browser, CookieContainer Cookies)> SignedInAsync(ServerHarness h, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var link = await h.Client.NewSignInLinkAsync(ct);
        (await browser.GetAsync(link.Url, ct)).Headers.Location!.ToString().ShouldBe("/");
        (await browser.GetAsync(h.Server.Url, ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (browser, cookies);
    }

    /// <summary>The dashboard's own sign-out form, with the antiforgery token the page carries.</summary>
    private static async Task<FormUrlEncodedContent> SignOutFormAsync(HttpClient browser, ServerHarness h, CancellationToken ct)
    {
        var page = await browser.GetStringAsync(h.Server.Url, ct);
        var token = AntiforgeryField().Match(page);
        token.Success.ShouldBeTrue("the page carries a sign-out form with an antiforgery token");
        return new FormUrlEncodedContent([new KeyValuePair<string, string>("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
