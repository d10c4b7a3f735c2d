using System.Net;
using DapPanel.App.Features.Evaluation;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.Evaluation;
using DapPanel.Core.Insight;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace DapPanel.Tests.Evaluation;

/// <summary>
/// The downloads over HTTP on the demo server: the quarterly return read back with MiniExcel, the report's tables
/// read back with PdfPig and checked by qpdf, each table's CSV; each download audited once, never cached, and refused
/// to agency members.
/// </summary>
[Collection(DemoServerCollection.Name)]
public class EvaluationExportTests(TestServer server)
{
    async Task<HttpClient> SignedInAsync(string email)
    {
        var cookies = await HttpSignIn.SignInAsync(server.BaseUrl, email, DemoLogins.Password);
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };
    }

    async Task<(InsightPeriod Period, string Query)> TwoYearsAsync()
    {
        var panelId = await server.ReadAsync(db => db.Panels.Select(p => p.Id).SingleAsync());
        var today = PanelTime.Today(TimeProvider.System);
        var period = new InsightPeriod(panelId, today.AddYears(-2).AddDays(1), today);
        return (period, $"panel={panelId}&from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}");
    }

    /// <summary>What the manager would see on screen for the period: the same suppressed figures the downloads carry.</summary>
    async Task<EvaluationReport> OnScreenAsync(InsightPeriod period) =>
        await server.Services.GetRequiredService<IEvaluationQueries>()
            .ReportAsync(await server.DemoAsync("manager@dappanel.example", Role.Manager), period);

    Task<int> ExportsAsync(string containing) =>
        server.ReadAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.Exported && e.Summary.Contains(containing)));

    [Fact]
    public async Task The_quarterly_return_reads_back_with_a_sheet_per_table_counts_as_numbers_and_small_numbers_hidden()
    {
        var (period, query) = await TwoYearsAsync();
        using var manager = await SignedInAsync("manager@dappanel.example");
        var before = await ExportsAsync("the evaluation workbook");

        var response = await manager.GetAsync($"/evaluation/workbook.xlsx?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal(before + 1, await ExportsAsync("the evaluation workbook"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var report = await OnScreenAsync(period);

        using var stream = new MemoryStream(bytes);
        var sheets = MiniExcel.GetSheetNames(stream);
        Assert.Equal("About", sheets[0]);
        Assert.Equal(report.Tables.Count() + 1, sheets.Count);
        Assert.Contains("Abuse profile all", sheets); // a sheet name is at most 31 characters: named after the table's key
        var about = Rows(stream, "About");
        Assert.Equal("OFFICIAL-SENSITIVE", about[0][0]);
        Assert.Contains(about, r => r[0]?.ToString()?.StartsWith("Panel evaluation: Croydon DAPP") == true);

        var cohort = Rows(stream, "Cohort");
        Assert.Equal("Cohort", cohort[0][0]);
        Assert.Equal(["Measure", "Number"], cohort[3].Take(2).Select(c => c?.ToString()));
        var accepted = cohort.Single(r => r[0]?.ToString() == "Perpetrators (cases accepted)");
        Assert.Equal(report.Tables.Single(t => t.Key == "cohort").Rows[0][1].Value, Convert.ToDouble(accepted[1]));

        // Every sheet carries what the screen shows, suppressed cells as their marks and never their numbers.
        var hidden = 0;
        foreach (var table in report.Tables)
        {
            var rows = Rows(stream, sheets[1 + report.Tables.ToList().IndexOf(table)]);
            Assert.Equal(table.Title, rows[0][0]);
            for (var r = 0; r < table.Rows.Count; r++)
            for (var c = 1; c < table.Rows[r].Count; c++)
            {
                var shown = table.Rows[r][c];
                var cell = rows[4 + r][c];
                if (shown.Suppression != Suppression.None) { hidden++; Assert.Equal(shown.Text, cell); }
                else if (shown.Value is { } value) Assert.Equal(value, Convert.ToDouble(cell), 3);
            }
        }
        Assert.True(hidden > 0, "The demo's two years have small numbers somewhere");
    }

    static List<object?[]> Rows(Stream stream, string sheet)
    {
        stream.Position = 0;
        return MiniExcel.Query(stream, sheetName: sheet).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray()).ToList();
    }

    [Fact]
    public async Task The_report_has_contents_every_figure_with_its_tables_and_n_and_passes_qpdf()
    {
        var (period, query) = await TwoYearsAsync();
        using var chair = await SignedInAsync("chair@dappanel.example");
        var before = await ExportsAsync("the evaluation report (PDF)");

        var response = await chair.GetAsync($"/evaluation/report.pdf?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal(before + 1, await ExportsAsync("the evaluation report (PDF)"));
        var pdf = await response.Content.ReadAsByteArrayAsync();
        PdfText.Save(pdf, "evaluation-report");
        PdfChecks.AssertValid(pdf);

        var text = PdfText.Read(pdf);
        for (var p = 0; p < text.Pages.Count; p++)
        {
            Assert.StartsWith("OFFICIAL-SENSITIVE", text.Pages[p]);
            Assert.EndsWith("OFFICIAL-SENSITIVE", text.Pages[p]);
            Assert.Contains($"Page {p + 1} of {text.Pages.Count}", text.Pages[p]);
        }
        var report = await OnScreenAsync(period);
        var contents = text.Find("Contents");
        Assert.True(contents >= 0);
        var position = contents;
        foreach (var (figure, i) in report.Figures.Select((f, i) => (f, i)))
        {
            // Listed in the contents with the page its heading is on.
            var heading = text.Find($"{i + 1}. {figure.Title}", position + 1);
            Assert.True(heading > position, $"Figure {i + 1} ({figure.Title}) is missing or out of order");
            position = heading;
            foreach (var table in figure.Tables)
            {
                var caption = text.Find(table.Title, position);
                Assert.True(caption >= position, $"{table.Title} is missing");
                // Each row reads back in order: its label's first word, then its cells as shown (a wrapped label's other
                // words come between, hence the gap); a wide table is printed in parts, the first part's cells are checked.
                var row = caption;
                foreach (var cells in table.Rows)
                {
                    var shown = cells.Skip(1).Take(EvaluationReportPdf.MaxColumns).Select(c => c.Text);
                    var at = text.Find(string.Join(" ", [cells[0].Text.Split(' ')[0], .. shown]), row + 1, gap: 12);
                    Assert.True(at > row, $"{table.Title}: row \"{cells[0].Text}\" is missing or out of order: "
                        + string.Join(' ', text.Words.Skip(row).Take(40)));
                    row = at;
                }
                var note = text.Find(string.Join(' ', table.Note.Split(' ').Take(8)), row + 1, gap: 2);
                Assert.True(note > row, $"{table.Title}: its n is missing");
                position = note;
            }
        }
        // The contents give the page each figure's heading is on (the contents' own page lists it as well).
        foreach (var (figure, i) in report.Figures.Select((f, i) => (f, i)))
        {
            var entry = $"{i + 1}. {figure.Title}";
            var listed = text.Find(entry, contents);
            var page = int.Parse(text.Words[listed + entry.Split(' ').Length]);
            var onPage = text.Pages[page - 1].Split(entry).Length - 1;
            Assert.True(onPage >= (page == 1 ? 2 : 1), $"{entry} is listed on page {page} but its heading is not there");
        }
    }

    [Fact]
    public async Task Every_table_downloads_as_csv_with_no_names_and_each_download_is_audited_once()
    {
        var (period, query) = await TwoYearsAsync();
        using var manager = await SignedInAsync("manager@dappanel.example");
        var names = await server.ReadAsync(async db => (await db.Cases.ToListAsync()).Select(c => c.Perpetrator.FullName)
            .Concat(await db.VictimSurvivors.Select(v => v.FullName).ToListAsync()).ToList());
        var report = await OnScreenAsync(period);
        var before = await ExportsAsync("as CSV");

        foreach (var table in report.Tables)
        {
            var response = await manager.GetAsync($"/evaluation/tables/{table.Key}.csv?{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl!.NoStore);
            var csv = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(table.Rows.Count + 1, lines.Length);
            Assert.StartsWith(InsightCsv.Cell(table.Headings[0]), lines[0]);
            Assert.DoesNotContain("DAPP-", csv);
            Assert.DoesNotContain(names, n => csv.Contains(n));
        }
        Assert.Equal(before + report.Tables.Count(), await ExportsAsync("as CSV"));
    }

    [Fact]
    public async Task Agency_members_are_refused_the_page_and_every_download_and_nothing_is_audited_as_exported()
    {
        var (_, query) = await TwoYearsAsync();
        var before = await server.ReadAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.Exported));
        foreach (var email in new[] { "probation@dappanel.example", "casemanager@dappanel.example", "idva@dappanel.example" })
        {
            using var member = await SignedInAsync(email);
            var page = await member.GetAsync("/evaluation");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Contains("/account/access-denied", page.Headers.Location!.OriginalString);
            foreach (var download in new[] { "tables/cohort.csv", "workbook.xlsx", "report.pdf" })
            {
                var response = await member.GetAsync($"/evaluation/{download}?{query}");
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.True(response.Headers.CacheControl!.NoStore);
                Assert.StartsWith("Only managers or chairs or administrators can export", await response.Content.ReadAsStringAsync());
            }
        }
        Assert.Equal(before, await server.ReadAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditAction.Exported)));
    }

    [Fact]
    public async Task A_period_with_no_cases_downloads_nothing_and_says_why()
    {
        var panelId = await server.ReadAsync(db => db.Panels.Select(p => p.Id).SingleAsync());
        using var manager = await SignedInAsync("manager@dappanel.example");

        var response = await manager.GetAsync($"/evaluation/report.pdf?panel={panelId}&from=2000-01-01&to=2000-12-31");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("No cases in this period", await response.Content.ReadAsStringAsync());
    }
}
