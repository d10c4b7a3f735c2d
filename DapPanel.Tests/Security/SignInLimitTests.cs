using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.Security;

/// <summary>
/// Sign-in tells nobody whether an account exists: an unknown address gets the same answers, lockout included, in the
/// same time as a real one with a wrong password; and attempts are limited per network address and per account.
/// </summary>
public sealed partial class SignInLimitTests : IAsyncLifetime
{
    // The product's own limits, not the tests' usual generous ones.
    readonly TestServer server = new()
    {
        Configure = builder =>
        {
            builder.Configuration["Security:SignInAttemptsPerAddress"] = null;
            builder.Configuration["Security:SignInAttemptsPerAccount"] = null;
        },
    };

    [Fact]
    public async Task An_unknown_address_gets_the_same_answers_as_a_real_account_lockout_included()
    {
        var (_, known) = await server.AddAsync(Role.AgencyMember);
        var unknown = $"nobody-{Guid.NewGuid():N}@probation.example";
        using var client = Client("198.51.100.10");

        for (var attempt = 1; attempt <= 7; attempt++)
        {
            var forKnown = await AttemptAsync(client, known, "Wrong-password-2026");
            var forUnknown = await AttemptAsync(client, unknown, "Wrong-password-2026");
            Assert.Equal(forKnown.Message, forUnknown.Message);
            Assert.Equal(forKnown.Status, forUnknown.Status);
        }
        Assert.Contains("locked", (await AttemptAsync(client, unknown, "Wrong-password-2026")).Message);
    }

    [Fact]
    public async Task An_unknown_address_takes_as_long_to_refuse_as_a_real_account()
    {
        const int Samples = 20;
        var known = new List<string>();
        for (var i = 0; i < Samples; i++) known.Add((await server.AddAsync(Role.AgencyMember)).Email);
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            // Each address once, from its own network address: no lockout or limit is involved.
            using var client = Client($"198.51.100.{20 + i}");
            await client.GetAsync("/account/login"); // warms the form's antiforgery cookie
            // Alternately first, so neither side always meets a colder server.
            var unknownAddress = $"nobody-{Guid.NewGuid():N}@probation.example";
            if (i % 2 == 0)
            {
                unknownTimes.Add((await AttemptAsync(client, unknownAddress, "Wrong-password-2026")).Milliseconds);
                knownTimes.Add((await AttemptAsync(client, known[i], "Wrong-password-2026")).Milliseconds);
            }
            else
            {
                knownTimes.Add((await AttemptAsync(client, known[i], "Wrong-password-2026")).Milliseconds);
                unknownTimes.Add((await AttemptAsync(client, unknownAddress, "Wrong-password-2026")).Milliseconds);
            }
        }

        double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);
        var (knownMedian, unknownMedian) = (Median(knownTimes), Median(unknownTimes));
        Assert.True(Math.Abs(knownMedian - unknownMedian) <= 0.3 * Math.Max(knownMedian, unknownMedian),
            $"Median of {Samples}: a real account took {knownMedian:F0} ms to refuse, an unknown address {unknownMedian:F0} ms.");
    }

    [Fact]
    public async Task Too_many_attempts_from_one_address_are_refused_with_a_clear_page()
    {
        using var client = Client("198.51.100.60");
        HttpResponseMessage? refused = null;
        for (var attempt = 1; attempt <= 40 && refused is null; attempt++)
        {
            var response = await PostAsync(client, $"nobody-{attempt}-{Guid.NewGuid():N}@probation.example", "Wrong-password-2026");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else Assert.True(attempt <= 30, $"Attempt {attempt} from one address was still answered.");
        }

        Assert.NotNull(refused);
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync());
        Assert.True(refused.Headers.RetryAfter is not null);
        // Another address is not held back.
        using var other = Client("198.51.100.61");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(other, "someone@probation.example", "Wrong-password-2026")).StatusCode);
    }

    [Fact]
    public async Task Too_many_attempts_for_one_account_are_refused_whether_or_not_it_exists()
    {
        var (_, known) = await server.AddAsync(Role.AgencyMember);
        foreach (var email in new[] { known, $"nobody-{Guid.NewGuid():N}@probation.example" })
        {
            var answers = new List<string>();
            for (var attempt = 1; attempt <= 12; attempt++)
            {
                // From a new address each time: only the per-account limit can apply.
                using var client = Client($"203.0.113.{attempt + (email == known ? 0 : 100)}");
                answers.Add((await AttemptAsync(client, email, "Wrong-password-2026")).Message);
            }
            Assert.DoesNotContain("Too many", string.Join("|", answers.Take(10)));
            Assert.Contains("Too many sign-in attempts for this account", answers[10]);
        }
    }

    HttpClient Client(string address)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(server.BaseUrl),
        };
        // The app believes the loopback proxy about the browser's address.
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    async Task<(HttpStatusCode Status, string Message, double Milliseconds)> AttemptAsync(HttpClient client, string email, string password)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await PostAsync(client, email, password);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, ErrorMessage().Match(body).Groups[1].Value, elapsed);
    }

    static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        var token = WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value);
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = password,
        }));
    }

    public Task InitializeAsync() => server.InitializeAsync();
    public Task DisposeAsync() => server.DisposeAsync();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("class=\"account-error\" role=\"alert\">([^<]*)<")]
    private static partial Regex ErrorMessage();
}
