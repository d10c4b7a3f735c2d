using System.Net;
using DapPanel.Core.Demo;

namespace DapPanel.Tests.Support;

public static class SignIn
{
    /// <summary>A cookie-carrying client signed in as a demo person through the real sign-in form.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this TestServer server, string email)
    {
        var cookies = await HttpSignIn.SignInAsync(server.BaseUrl, email, DemoLogins.Password);
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(server.BaseUrl),
        };
    }
}
