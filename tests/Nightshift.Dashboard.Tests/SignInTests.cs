using System.Net;
using Microsoft.Playwright;
using Nightshift.ScriptedModel;
using Shouldly;
using Xunit;

namespace Nightshift.Dashboard.Tests;

public sealed class SignInTests(BrowserFixture browser)
{
    private static Script Idle() => Script.Create().WhenLastUser("never").Say("idle").Build();

    [Fact]
    public async Task A_browser_without_a_session_is_sent_to_sign_in_and_the_token_signs_it_in()
    {
        await using var h = await DashboardHarness.StartAsync(Idle());
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = h.Server.Url.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/?from=test");
        page.Url.ShouldStartWith(new Uri(h.Server.Url, "signin").ToString());

        await page.GetByTestId("token-input").FillAsync("not-the-token");
        await page.GetByTestId("signin-submit").ClickAsync();
        (await page.GetByTestId("signin-error").TextContentAsync()).ShouldNotBeNull().ShouldContain("not the access token");

        await page.GetByTestId("token-input").FillAsync(h.Server.Token.Value);
        await page.GetByTestId("signin-submit").ClickAsync();
        var target = new Uri(h.Server.Url, "?from=test").ToString();
        try
        {
            // The URL is the assertion; the page's readiness is the circuit's, waited for below. Waiting
            // for the 'load' event as well once hung past a minute on a loaded machine with the URL
            // already right (the body showed the signed-in inbox).
            await page.WaitForURLAsync(target, new() { Timeout = 60_000, WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"After signing in, the page is at {page.Url}, not {target}; it shows: {await page.Locator("body").InnerTextAsync()}");
        }
        await DashboardHarness.WaitForCircuitAsync(page);
        await context.DisposeAsync();
    }

    [Fact]
    public async Task A_sign_in_link_works_once()
    {
        await using var h = await DashboardHarness.StartAsync(Idle());
        var link = h.Server.NewSignInLink().ToString();
        var first = await browser.Browser.NewContextAsync();
        var page = await first.NewPageAsync();
        await page.GotoAsync(link);
        await page.WaitForURLAsync(h.Server.Url.ToString());
        await DashboardHarness.WaitForCircuitAsync(page);
        (await page.Locator("#inbox-title").TextContentAsync()).ShouldBe("Inbox");

        var second = await browser.Browser.NewContextAsync();
        var again = await second.NewPageAsync();
        await again.GotoAsync(link);
        again.Url.ShouldContain("/signin?link=spent");
        (await again.GetByTestId("link-spent").IsVisibleAsync()).ShouldBeTrue();
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task Requests_from_another_origin_or_under_another_host_name_are_refused()
    {
        await using var h = await DashboardHarness.StartAsync(Idle());
        using var http = new HttpClient { BaseAddress = h.Server.Url };

        using var foreignOrigin = new HttpRequestMessage(HttpMethod.Post, "signout");
        foreignOrigin.Headers.Add("Origin", "http://evil.example");
        var refused = await http.SendAsync(foreignOrigin, TestContext.Current.CancellationToken);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("bad_origin");

        // The Blazor circuit's own endpoint, as a cross-site page would try to open it.
        using var hub = new HttpRequestMessage(HttpMethod.Post, "_blazor/negotiate?negotiateVersion=1");
        hub.Headers.Add("Origin", "http://evil.example");
        (await http.SendAsync(hub, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // DNS rebinding: the right address under an attacker's name.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "signin");
        rebound.Headers.Host = "attacker.example";
        var badHost = await http.SendAsync(rebound, TestContext.Current.CancellationToken);
        badHost.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await badHost.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("bad_host");

        // The same page from its own origin is served.
        using var own = new HttpRequestMessage(HttpMethod.Get, "signin");
        own.Headers.Add("Origin", h.Server.Url.GetLeftPart(UriPartial.Authority));
        (await http.SendAsync(own, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_session_or_token_nothing_but_sign_in_is_served()
    {
        await using var h = await DashboardHarness.StartAsync(Idle());
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = h.Server.Url };
        var ct = TestContext.Current.CancellationToken;

        (await http.GetAsync("/", ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await http.PostAsync("_blazor/negotiate?negotiateVersion=1", null, ct)).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Redirect);
        (await http.GetAsync("api/tasks", ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync("signin/link/made-up", ct)).Headers.Location!.ToString().ShouldContain("link=spent");
    }

    [Fact]
    public async Task A_signed_in_browser_cookie_does_not_open_the_api()
    {
        await using var h = await DashboardHarness.StartAsync(Idle());
        var page = await h.SignedInPageAsync(browser.Browser);
        // The dashboard cookie goes with this request, but the API wants the bearer token: no cross-site write can ride on the cookie.
        var response = await page.APIRequest.GetAsync("api/tasks");
        response.Status.ShouldBe(401);
    }
}
