using System.Net;
using DapPanel.App.Components.Shared;
using DapPanel.App.Features.Evaluation;
using DapPanel.App.Features.Minutes;
using DapPanel.Core.Evaluation;
using DapPanel.Core.Insight;
using DapPanel.App.Pdf;
using DapPanel.Core.Domain;
using DapPanel.Core.Minutes;
using DapPanel.Tests.Minutes;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Pdf;

/// <summary>
/// Every document the app serves, downloaded as its readers download it, through qpdf and poppler: a valid file,
/// tagged (PDF/UA-1) with its headings in reading order, tables with header cells, title and language set.
/// </summary>
[Collection(DemoServerCollection.Name)]
public class PdfConformanceTests(TestServer server)
{
    /// <summary>The document endpoints this class covers; a new one fails <see cref="Every_pdf_endpoint_is_checked_here"/> until added.</summary>
    static readonly string[] Covered =
        ["/meetings/{id:guid}/minutes.pdf", "/meetings/{id:guid}/actions.pdf", "/meetings/{id:guid}/case-list.pdf", "/evaluation/report.pdf"];

    [Fact]
    public void Every_pdf_endpoint_is_checked_here()
    {
        var served = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!).Where(p => p.EndsWith(".pdf", StringComparison.Ordinal)).Order().ToList();

        Assert.Equal(Covered.Order(), served);
    }

    [Fact]
    public async Task The_draft_minutes_read_before_anything_is_saved()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[3];
        using var chair = await server.SignedInClientAsync("chair@dappanel.example");

        var pdf = await DownloadAsync(chair, $"/meetings/{meeting.Id}/minutes.pdf");

        PdfChecks.AssertValid(pdf);
        var root = PdfChecks.AssertAccessible(pdf, $"Croydon DAPP — minutes of {App.Components.Shared.Display.Day(meeting.StartsAt)}");
        var headings = root.Headings().Select(h => (h.Type, h.Text)).ToList();
        Assert.Equal(("H1", "Minutes of the panel meeting"), headings[0]);
        var sections = headings.Where(h => h.Type == "H2").Select(h => h.Text).ToList();
        Assert.Equal(["Attendance", "Confidentiality", $"Cases heard ({meeting.ItemCount})", "Items deferred",
            "Actions from earlier meetings", "Version history"], sections);
        Assert.Equal(meeting.ItemCount, headings.Count(h => h.Type == "H3"));
        Assert.Contains("not yet saved", root.AllText());
    }

    [Fact]
    public void Final_minutes_of_twenty_items_keep_each_item_under_its_heading_in_order()
    {
        var document = SampleMinutes.Build(20);

        var pdf = MinutesPdf.Render(document);
        PdfText.Save(pdf, "minutes-20-items-final");

        PdfChecks.AssertValid(pdf);
        var root = PdfChecks.AssertAccessible(pdf, "Croydon DAPP — minutes of Tue 10 Nov 2026");
        var items = root.Headings().Where(h => h.Type == "H3").Select(h => h.Text).ToList();
        Assert.Equal(document.Content.Items.Select(i => $"{i.Order}. {i.CaseReference} — {i.Kind.Label()}"), items);
        // Deferred items are minuted with the others, and not counted as heard.
        Assert.Contains(("H2", "Cases heard (19) and deferred (1)"), root.Headings().Select(h => (h.Type, h.Text)));
        var deferred = Assert.Single(root.All(), n => n.Type == "L");
        Assert.Equal(document.Content.DeferredItems.Count(), deferred.Children.Count(c => c.Type == "LI"));
        Assert.All(deferred.Children, li => Assert.Equal(["Lbl", "LBody"], li.Children.Select(c => c.Type)));
        var captions = root.All().Where(n => n.Type == "Caption").Select(n => n.DeepText).ToHashSet();
        Assert.Equal(["Actions agreed", "Levers by agency"], captions.Order());
        Assert.All(root.All().Where(n => n.Type is "Caption" or "Div" or "L" or "LI" or "Table" or "TR"),
            group => Assert.Empty(group.Texts));
    }

    [Fact]
    public async Task Action_lists_combined_and_for_one_agency()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[4];
        var probation = await server.DemoAsync("probation@dappanel.example", Role.AgencyMember);
        using var chair = await server.SignedInClientAsync("chair@dappanel.example");
        using var member = await server.SignedInClientAsync("probation@dappanel.example");

        var all = await DownloadAsync(chair, $"/meetings/{meeting.Id}/actions.pdf");
        var own = await DownloadAsync(member, $"/meetings/{meeting.Id}/actions.pdf");

        var day = App.Components.Shared.Display.Day(meeting.StartsAt);
        PdfChecks.AssertValid(all);
        var combined = PdfChecks.AssertAccessible(all, "Croydon DAPP — action list for all agencies");
        var groups = (await server.Services.GetRequiredService<IActionFollowUp>()
            .ExportActionListAsync(await server.DemoAsync("chair@dappanel.example", Role.Chair), meeting.Id)).Groups;
        Assert.Equal(groups.Select(g => $"{g.AgencyName} ({g.Actions.Count})"),
            combined.Headings().Where(h => h.Type == "H2").Select(h => h.Text));
        Assert.Equal(groups.Count, combined.All().Count(n => n.Type == "Table"));

        PdfChecks.AssertValid(own);
        var mine = PdfChecks.AssertAccessible(own, $"Croydon DAPP — action list for {(await AgencyNameAsync(probation.AgencyId))}");
        Assert.Equal("Action list — Probation Service — Croydon", mine.Headings().Single().Text);
        Assert.Contains(day, mine.AllText());
    }

    [Fact]
    public async Task The_circulated_case_list()
    {
        var meeting = await server.ReadAsync(db => db.Meetings.SingleAsync(m => m.Status == MeetingStatus.Circulated));
        using var police = await server.SignedInClientAsync("police@dappanel.example");

        var pdf = await DownloadAsync(police, $"/meetings/{meeting.Id}/case-list.pdf");

        PdfChecks.AssertValid(pdf);
        var root = PdfChecks.AssertAccessible(pdf, "Croydon DAPP — case list");
        Assert.StartsWith("Case list — Croydon DAPP", root.Headings().First().Text);
        var table = root.All().First(n => n.Type == "Table");
        Assert.Equal(["#", "Case", "Perpetrator", "Victim-survivors and CYP", "Focus"],
            table.Children[0].Children[0].Children.Select(th => th.Text));
    }

    [Fact]
    public async Task The_evaluation_report_with_each_chart_a_figure_described_in_words()
    {
        var panelId = await server.ReadAsync(db => db.Panels.Select(p => p.Id).SingleAsync());
        var today = PanelTime.Today(TimeProvider.System);
        var period = new InsightPeriod(panelId, today.AddYears(-2).AddDays(1), today);
        using var manager = await server.SignedInClientAsync("manager@dappanel.example");

        var pdf = await DownloadAsync(manager, $"/evaluation/report.pdf?panel={panelId}&from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}");

        PdfChecks.AssertValid(pdf);
        var british = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        var root = PdfChecks.AssertAccessible(pdf,
            $"Panel evaluation: Croydon DAPP, {period.From.ToString("d MMMM yyyy", british)} to {period.To.ToString("d MMMM yyyy", british)}");
        var report = await server.Services.GetRequiredService<IEvaluationQueries>()
            .ExportAsync(await server.DemoAsync("manager@dappanel.example", Role.Manager), period, new EvaluationExport(EvaluationExportFormat.Report));
        Assert.Equal(["Contents", .. report.Figures.Select((f, i) => $"{i + 1}. {f.Title}")],
            root.Headings().Where(h => h.Type == "H2").Select(h => h.Text));
        // A table wider than the page is printed in parts of at most six columns beside its labels.
        Assert.Equal(report.Tables.Sum(t => (t.Headings.Count - 1 + EvaluationReportPdf.MaxColumns - 1) / EvaluationReportPdf.MaxColumns),
            root.All().Count(n => n.Type == "Table" && n.Children.Any(c => c.Type == "THead")));
        var charts = report.Figures.Where(f => f.Chart is not null).Select(f => new ChartLayout(f.Chart!).Description).ToList();
        Assert.NotEmpty(charts);
        Assert.Equal(charts.Count, root.All().Count(n => n.Type == "Figure"));
        Assert.Equal(charts, PdfChecks.FigureAltTexts(pdf));
    }

    [Fact]
    public void A_table_over_several_pages_has_one_header_row_in_its_structure_and_the_repeats_are_artifacts()
    {
        using var layout = new PdfLayout("Table test", new PdfRunningText("Running title", "Detail", "Footer note"));
        layout.Title("Table test");
        var table = new PdfTable(new PdfColumn("Case column", 1), new PdfColumn("Description column", 4));
        for (var i = 0; i < 120; i++) table.Row($"ROW{i:000}", SampleMinutes.Prose(i, 30));
        layout.Table(table);

        var pdf = layout.Render();

        PdfChecks.AssertValid(pdf);
        var root = PdfChecks.AssertAccessible(pdf, "Table test");
        var text = PdfText.Read(pdf);
        Assert.True(text.Pages.Count >= 4);
        Assert.All(text.Pages, page => Assert.Contains("Case column Description column", page));
        Assert.Single(root.All(), n => n.Type == "TH" && n.Text == "Case column");
        var rows = root.All().Single(n => n.Type == "TBody").Children;
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"ROW{i:000}"), rows.Select(r => r.Children[0].Text));
    }

    [Fact]
    public void Names_in_every_script_the_panel_meets_read_back_exactly_from_a_valid_tagged_file()
    {
        string[] names = ["Zażółć Gęślą-Jaźń", "Ștefan Țăranu", "Çağrı Işıkoğlu", "Nguyễn Thị Phương", "Γιώργος Παπαδόπουλος", "Дмитрий Соколов"];
        using var layout = new PdfLayout("Names test", new PdfRunningText("Running title", "Detail", "Footer note"));
        layout.Title("Names test").Heading("People");
        var table = new PdfTable(new PdfColumn("Name", 2), new PdfColumn("Note", 3));
        foreach (var name in names) table.Row(name, "Named at the panel");
        layout.Table(table).List(names);

        var pdf = layout.Render();
        PdfText.Save(pdf, "names");

        PdfChecks.AssertValid(pdf);
        var root = PdfChecks.AssertAccessible(pdf, "Names test");
        var text = PdfText.Read(pdf);
        Assert.All(names, name => Assert.True(text.Contains(name), $"{name} does not read back"));
        Assert.All(names, name => Assert.Contains(name, root.AllText()));
    }

    [Fact]
    public void The_checks_catch_what_was_wrong_before_an_untagged_file_and_pdfsharps_own_compression()
    {
        using var layout = MinutesPdf.Compose(SampleMinutes.Build(2));
        var untagged = layout.Render(tagged: false);

        Assert.Equal("no", PdfChecks.Info(untagged)["Tagged"]);
        Assert.ThrowsAny<Exception>(() => PdfChecks.AssertAccessible(untagged, "Croydon DAPP — minutes of Tue 10 Nov 2026"));

        using var document = new PdfSharp.Pdf.PdfDocument();
        var page = document.AddPage();
        using (var gfx = PdfSharp.Drawing.XGraphics.FromPdfPage(page))
            gfx.DrawString("Compressed by PDFsharp", new PdfSharp.Drawing.XFont(PdfFonts.Family, 12), PdfSharp.Drawing.XBrushes.Black, 72, 72);
        using var stream = new MemoryStream();
        document.Save(stream);
        Assert.ThrowsAny<Exception>(() => PdfChecks.AssertValid(stream.ToArray()));
    }

    async Task<string> AgencyNameAsync(Guid agencyId) =>
        await server.ReadAsync(db => db.Agencies.Where(a => a.Id == agencyId).Select(a => a.Name).SingleAsync());

    static async Task<byte[]> DownloadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
