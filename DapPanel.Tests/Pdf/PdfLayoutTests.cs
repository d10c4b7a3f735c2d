using DapPanel.App.Features.Minutes;
using DapPanel.App.Pdf;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.Pdf;

public class PdfLayoutTests
{
    public PdfLayoutTests() => PdfFonts.Register(null);

    [Fact]
    public void Registering_the_fonts_again_returns_the_same_resolver()
    {
        var first = PdfFonts.Register(null);
        var second = PdfFonts.Register("/somewhere/else");

        Assert.Same(first, second);
        Assert.Equal("DejaVu Sans", first.Files.Family);
    }

    [Fact]
    public void A_missing_font_is_reported_with_what_was_looked_for_and_where()
    {
        var empty = Directory.CreateTempSubdirectory("dappanel-nofonts").FullName;

        var error = Assert.Throws<InvalidOperationException>(() => FontLocator.Find(empty, []));

        Assert.Contains("DejaVuSans.ttf", error.Message);
        Assert.Contains(empty, error.Message);
        Assert.Contains("Pdf:FontFolder", error.Message);
    }

    [Fact]
    public void A_configured_font_folder_is_searched_first()
    {
        var folder = Directory.CreateTempSubdirectory("dappanel-fonts").FullName;
        File.Copy("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", Path.Combine(folder, "DejaVuSans.ttf"));

        var files = FontLocator.Find(folder, FontLocator.SystemFolders());

        Assert.Equal(Path.Combine(folder, "DejaVuSans.ttf"), files.Regular);
        Assert.Null(files.Bold);
    }

    [Fact]
    public void Twenty_items_of_long_text_wrap_and_break_pages_without_losing_a_word()
    {
        var document = SampleMinutes.Build(20, summaryWords: 260);

        var pdf = MinutesPdf.Render(document);
        PdfText.Save(pdf, "minutes-20-items");
        var text = PdfText.Read(pdf);

        Assert.True(text.Pages.Count >= 8, $"Expected many pages, got {text.Pages.Count}");
        foreach (var item in document.Content.Items)
        {
            Assert.True(text.Contains($"{item.Order}. {item.CaseReference}"), $"Heading of item {item.Order} lost");
            if (item.IsDeferred) continue;
            Assert.True(text.Contains(item.Summary!), $"Summary of item {item.Order} lost");
            Assert.True(text.Contains(item.Decision!.Rationale), $"Rationale of item {item.Order} lost");
            Assert.True(text.Contains(item.Notes!), $"Notes of item {item.Order} lost");
            foreach (var action in item.Actions)
                Assert.True(text.Contains(action.Description, gap: 12), $"Action of item {item.Order} lost");
        }
    }

    [Fact]
    public void A_word_longer_than_the_line_is_broken_and_every_character_kept()
    {
        var word = string.Concat(Enumerable.Range(0, 60).Select(i => (char)('a' + i % 26))) + "END";
        using var layout = new PdfLayout("Test", new PdfRunningText("Test", "Detail", "Footer"));
        var lines = layout.Wrap("start " + word + " finish", PdfStyles.Body, 120);

        Assert.True(lines.Count > 3);
        Assert.Equal("start" + word + "finish", string.Concat(lines).Replace(" ", ""));
        Assert.All(lines, l => Assert.True(l.Length < word.Length));
    }

    [Fact]
    public void A_table_that_breaks_across_pages_repeats_its_header_and_every_page_is_marked_and_numbered()
    {
        using var layout = new PdfLayout("Table test", new PdfRunningText("Running title", "Detail", "Footer note"));
        layout.Title("Table test");
        var table = new PdfTable(new PdfColumn("Case column", 1), new PdfColumn("Description column", 4));
        for (var i = 0; i < 120; i++) table.Row($"ROW{i:000}", SampleMinutes.Prose(i, 30));
        layout.Table(table);

        var pdf = layout.Render();
        PdfText.Save(pdf, "table-test");
        var text = PdfText.Read(pdf);

        Assert.True(text.Pages.Count >= 4);
        for (var p = 0; p < text.Pages.Count; p++)
        {
            var page = text.Pages[p];
            Assert.StartsWith("OFFICIAL-SENSITIVE", page);
            Assert.EndsWith("OFFICIAL-SENSITIVE", page);
            Assert.Contains($"Page {p + 1} of {text.Pages.Count}", page);
            Assert.Contains("Case column Description column", page);
        }
        var order = Enumerable.Range(0, 120).Select(i => text.Find($"ROW{i:000}")).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }
}
