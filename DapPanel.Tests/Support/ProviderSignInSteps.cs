using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DapPanel.Tests.Support;

/// <summary>Signing in through an agency's provider, as a person in a browser or as a plain HTTP client.</summary>
public static partial class ProviderSignInSteps
{
    /// <summary>Clicks "Sign in with" on DapPanel's sign-in page and signs in on the provider's own page.</summary>
    public static async Task SignInThroughProviderAsync(this IPage page, string baseUrl, ProviderAccount account)
    {
        await page.GotoAsync(baseUrl + "/account/login");
        await page.ClickAsync($"button[data-provider={ProviderSignInServer.ProviderName}]");
        await page.WaitForURLAsync("**/login?**", new() { WaitUntil = WaitUntilState.Commit });
        await page.FillAsync("#provider-email", account.Email);
        await page.FillAsync("#provider-password", account.Password);
        await page.ClickAsync("#provider-sign-in");
    }

    /// <summary>
    /// The same steps over HTTP, following every redirect, in one cookie jar for both sites; the answer is the page
    /// DapPanel sends the person to (its continue page is followed too).
    /// </summary>
    public static async Task<(HttpResponseMessage Page, string Html, CookieContainer Cookies)> SignInOverHttpAsync(string baseUrl,
        ProviderAccount account)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true })
        {
            BaseAddress = new Uri(baseUrl),
        };
        var login = await client.GetStringAsync("/account/login");
        var token = WebUtility.HtmlDecode(Token().Match(login).Groups[1].Value);
        var providerPage = await client.PostAsync($"/account/external/{ProviderSignInServer.ProviderName}", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["returnUrl"] = "/" }));
        var providerHtml = await providerPage.Content.ReadAsStringAsync();
        var returnUrl = WebUtility.HtmlDecode(ReturnUrl().Match(providerHtml).Groups[1].Value);
        var answer = await client.PostAsync(new Uri(providerPage.RequestMessage!.RequestUri!, "/login"), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["email"] = account.Email, ["password"] = account.Password, ["returnUrl"] = returnUrl }));
        var html = await answer.Content.ReadAsStringAsync();
        if (Continue().Match(html) is { Success: true } next)
        {
            answer = await client.GetAsync(WebUtility.HtmlDecode(next.Groups[1].Value));
            html = await answer.Content.ReadAsStringAsync();
        }
        return (answer, html, cookies);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrl();

    [GeneratedRegex("http-equiv=\"refresh\" content=\"0;url=([^\"]+)\"")]
    private static partial Regex Continue();
}
