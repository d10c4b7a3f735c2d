using System.Net;
using System.Text.RegularExpressions;

namespace DapPanel.Tests.Support;

/// <summary>
/// Requests as a TLS-ending reverse proxy on the same machine sends them: plain http to the app with
/// X-Forwarded-Proto: https and the browser's address in X-Forwarded-For. Keeps cookies itself, as a browser would
/// over https (an http client would not send back a Secure cookie).
/// </summary>
public sealed partial class ProxiedClient(string baseUrl) : IDisposable
{
    readonly HttpClient client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = new Uri(baseUrl),
    };
    readonly Dictionary<string, string> cookies = [];

    public async Task<HttpResponseMessage> GetAsync(string path) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var form = await (await GetAsync("/account/login")).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(form).Groups[1].Value);
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = password,
            }),
        });
    }

    async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        request.Headers.Add("Accept", "text/html");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        if (cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await client.SendAsync(request);
        foreach (var header in SetCookies(response))
        {
            var pair = header.Split(';')[0];
            var at = pair.IndexOf('=');
            cookies[pair[..at]] = pair[(at + 1)..];
        }
        return response;
    }

    public static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
