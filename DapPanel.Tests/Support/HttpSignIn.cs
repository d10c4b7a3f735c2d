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

    /// <summary>A copy of the cookies as they are now, kept when the original's are replaced or removed.</summary>
    public static CookieContainer Copy(CookieContainer cookies, string baseUrl)
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in cookies.GetCookies(new Uri(baseUrl))) copy.Add(new Uri(baseUrl), new Cookie(cookie.Name, cookie.Value, cookie.Path));
        return copy;
    }

    /// <summary>The antiforgery token a signed-in page carries (its sign-out form), for this client's person.</summary>
    public static async Task<string?> PageTokenAsync(HttpClient client, string page = "/")
    {
        using var response = await client.GetAsync(page);
        if (!response.IsSuccessStatusCode) return null; // not signed in: no page, no token
        var html = await response.Content.ReadAsStringAsync();
        var match = AntiforgeryToken().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>Signs out as the sign-out button does, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient client)
    {
        var token = await PageTokenAsync(client) ?? throw new InvalidOperationException("The page has no sign-out form.");
        return await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["reason"] = "",
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
