using System.Net;
using System.Text.RegularExpressions;

namespace DapPanel.Tests.Support;

/// <summary>Signs in through the real sign-in form and keeps the cookie, as a non-browser client would.</summary>
public static partial class HttpSignIn
{
    public static async Task<CookieContainer> SignInAsync(string baseUrl, string email, string password)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl),
        };
        var form = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(new Uri(baseUrl))["DapPanel.Auth"] is null)
            throw new InvalidOperationException($"Sign-in as {email} failed ({response.StatusCode}).");
        return cookies;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
