using System.Net;
using System.Reflection;
using DapPanel.Core.Demo;
using DapPanel.Core.Insight;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.InformationSharing;

/// <summary>Insight is counts for managers: no victim, child or research-note field may reach it.</summary>
[Collection(DemoServerCollection.Name)]
public class InsightTierTests(TestServer server)
{
    static readonly string[] TieredWords = ["Victim", "Survivor", "Child", "Notes", "Address"];

    [Fact]
    public void No_insight_view_has_a_victim_child_or_research_note_field()
    {
        var views = typeof(InsightQueries).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(InsightQueries).Namespace && t.IsPublic && !t.IsInterface);
        var fields = views.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => $"{t.Name}.{p.Name}")).ToList();

        Assert.NotEmpty(fields);
        Assert.DoesNotContain(fields, f => TieredWords.Any(w => f.Split('.')[1].Contains(w, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task No_insight_csv_carries_a_victim_survivors_name()
    {
        var victims = await server.ReadAsync(db => db.VictimSurvivors.Select(v => v.FullName).ToListAsync());
        Assert.NotEmpty(victims);
        var panelId = await server.ReadAsync(db => db.Panels.Select(p => p.Id).SingleAsync());
        var cookies = await HttpSignIn.SignInAsync(server.BaseUrl, "manager@dappanel.example", DemoLogins.Password);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        foreach (var table in new[] { "attendance", "attendance-by-month", "cases", "outcomes", "levers-by-area", "actions-by-agency", "closure-reasons" })
        {
            var response = await client.GetAsync($"/insight/{table}.csv?panel={panelId}&from={today.AddYears(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var csv = await response.Content.ReadAsStringAsync();
            Assert.All(victims, name => Assert.DoesNotContain(name, csv));
        }
    }
}
