using System.Net;
using System.Text.RegularExpressions;
using DapPanel.Core.Demo;

namespace DapPanel.Tests.Support;

public static partial class SignIn
{
    /// <summary>A cookie-carrying client signed in through the real sign-in form.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this TestServer server, string email)
    {
        var client = server.CreateClient();
        var form = await client.GetStringAsync("/account/login");
        var token = Token().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = DemoLogins.Password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}.");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
