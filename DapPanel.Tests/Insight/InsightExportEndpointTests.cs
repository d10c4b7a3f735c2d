using System.Net;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.Insight;

[Collection(DemoServerCollection.Name)]
public class InsightExportEndpointTests(TestServer server)
{
    async Task<HttpClient> SignedInAsync(string email)
    {
        var cookies = await HttpSignIn.SignInAsync(server.BaseUrl, email, DemoLogins.Password);
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };
    }

    async Task<string> QueryAsync(string table)
    {
        var panelId = await server.ReadAsync(db => Task.FromResult(db.Panels.Single().Id));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // The demo's six recent meetings (70 to 76 days back at the earliest), not its two years of history before them.
        return $"/insight/{table}.csv?panel={panelId}&from={today.AddDays(-80):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
    }

    [Fact]
    public async Task A_manager_downloads_the_attendance_table_as_csv_and_the_download_is_audited()
    {
        using var client = await SignedInAsync("manager@dappanel.example");

        var response = await client.GetAsync(await QueryAsync("attendance"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Agency,Core,Member since", csv.TrimStart('\uFEFF'));
        // Demo: mental health attended the first two of six meetings, then missed four in a row.
        Assert.Contains("Community Mental Health Team,Yes,", csv);
        Assert.Contains(csv.Split("\r\n"), l => l.StartsWith("Community Mental Health Team,") && l.EndsWith(",6,2,33%,0,2,0,1,0,3,0,4"));
        Assert.DoesNotContain("DAPP-", csv); // counts only: never a case reference
        var audited = await server.ReadAsync(db => Task.FromResult(db.AuditEvents
            .Where(e => e.Action == AuditAction.Exported && e.ActorName == "Pat Heron").Select(e => e.Summary).ToList()));
        Assert.Contains(audited, s => s.Contains("Attendance by agency") && s.Contains("Croydon DAPP"));
    }

    [Fact]
    public async Task Every_throughput_table_downloads_without_case_detail()
    {
        using var client = await SignedInAsync("chair@dappanel.example");
        foreach (var table in new[] { "cases", "outcomes", "levers-by-area", "actions-by-agency", "closure-reasons", "attendance-by-month" })
        {
            var response = await client.GetAsync(await QueryAsync(table));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var csv = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("DAPP-", csv);
            Assert.True(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length >= 2, $"{table} has no rows");
        }
    }

    [Fact]
    public async Task An_agency_member_is_refused_and_an_unknown_table_is_not_found()
    {
        using var police = await SignedInAsync("police@dappanel.example");
        var refused = await police.GetAsync(await QueryAsync("attendance"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("managers", await refused.Content.ReadAsStringAsync());

        using var manager = await SignedInAsync("manager@dappanel.example");
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync(await QueryAsync("victims"))).StatusCode);
        using var anonymous = server.CreateClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(await QueryAsync("attendance"))).StatusCode);
    }
}
