using DapPanel.Core.Demo;
using DapPanel.Core.Insight;
using DapPanel.Core.Security;
using DapPanel.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

/// <summary>
/// The insight dashboard opened by its address: the prerendered page hands its figures to the interactive one, which
/// shows them at once instead of querying the database a second time while the page connects.
/// </summary>
[Trait("Category", "Browser")]
public class InsightHandOverTests
{
    [Fact]
    public async Task The_dashboard_opened_by_its_address_queries_once_and_then_answers_the_filters()
    {
        var counts = new QueryCounts();
        var server = new TestServer
        {
            Configure = builder => builder.Services.AddSingleton<IInsightQueries>(services =>
                new CountedInsightQueries(ActivatorUtilities.CreateInstance<InsightQueries>(services), counts)),
        };
        await server.InitializeAsync();
        try
        {
            await using var browser = await BrowserFixture.LaunchAsync();
            var manager = await browser.NewPageAsync(1600, 1000);
            await manager.SignInAsync(server.BaseUrl, "manager@dappanel.example", DemoLogins.Password);
            await manager.WaitForSelectorAsync("text=Welcome");

            // The interactive page shows figures either handed over at once or after querying again: by the time it
            // shows them, a second query would have been counted.
            await manager.GotoAsync(server.BaseUrl + "/insight");
            await manager.Locator("[data-testid=insight-figures][data-interactive=true]").WaitForAsync();
            Assert.Equal((1, 1), (counts.Attendance, counts.Throughput));

            // Interactive with the handed-over figures: a period without meetings is queried and shown.
            await manager.Locator("#insight-from").FillAsync("2020-01-01");
            await manager.Locator("#insight-to").FillAsync("2020-12-31");
            await manager.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
            await manager.GetByTestId("insight-attendance").GetByText("No meetings were held in this period.").WaitForAsync();
            Assert.Equal((2, 2), (counts.Attendance, counts.Throughput));

            // Opened again from the menu, in the same circuit: its figures are read afresh, not the handed-over ones.
            var menu = manager.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
            await menu.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
            await manager.WaitForSelectorAsync("text=Welcome");
            await menu.GetByRole(AriaRole.Link, new() { Name = "Insight" }).ClickAsync();
            await manager.GetByTestId("insight-throughput").WaitForAsync();
            Assert.Equal((3, 3), (counts.Attendance, counts.Throughput));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    sealed class QueryCounts
    {
        public int Attendance;
        public int Throughput;
    }

    /// <summary>Counts the dashboard's two queries and passes every call on to the real ones.</summary>
    sealed class CountedInsightQueries(IInsightQueries real, QueryCounts counts) : IInsightQueries
    {
        public Task<IReadOnlyList<PanelOption>> PanelsAsync(Actor actor, CancellationToken cancellationToken = default) =>
            real.PanelsAsync(actor, cancellationToken);

        public Task<AttendanceInsight> AttendanceAsync(Actor actor, InsightPeriod period, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref counts.Attendance);
            return real.AttendanceAsync(actor, period, cancellationToken);
        }

        public Task<ThroughputInsight> ThroughputAsync(Actor actor, InsightPeriod period, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref counts.Throughput);
            return real.ThroughputAsync(actor, period, cancellationToken);
        }

        public Task<InsightExport> ExportAsync(Actor actor, string table, InsightPeriod period, CancellationToken cancellationToken = default) =>
            real.ExportAsync(actor, table, period, cancellationToken);
    }
}
