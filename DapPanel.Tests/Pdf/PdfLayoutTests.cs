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

    [Theory]
    [InlineData(40)]
    [InlineData(70)]
    [InlineData(140)]
    public void Lines_break_only_at_spaces_and_after_hyphens_in_narrow_columns(double width)
    {
        const string text = "Victim-survivor engagement: the probation case manager's licence conditions and Clare's Law "
            + "disclosure — call-outs since 12-11-2026 reviewed; Engagement Versions Wojciechowska-Kowalczyk Nguyễn Thị";
        using var layout = new PdfLayout("Test", new PdfRunningText("Test", "Detail", "Footer"));

        var lines = layout.Wrap(text, PdfStyles.TableText, width);

        Assert.Equal(text, string.Concat(lines));
        for (var i = 0; i < lines.Count - 1; i++)
        {
            var brokenAtSpace = lines[i].EndsWith(' ');
            var brokenAfterHyphen = lines[i].EndsWith('-') && char.IsLetterOrDigit(lines[i][^2]) && char.IsLetterOrDigit(lines[i + 1][0]);
            var word = lines[i].Split(' ')[^1] + lines[i + 1].Split(' ', '-')[0];
            var cutTooLongWord = !brokenAtSpace && !brokenAfterHyphen
                && TypesetWidth(layout, lines[i].Split(' ')[^1] + lines[i + 1].Split(' ')[0].Split('-')[0]) > width;
            Assert.True(brokenAtSpace || brokenAfterHyphen || cutTooLongWord, $"\"{lines[i]}\" | \"{lines[i + 1]}\" breaks inside \"{word}\" at {width} pt");
        }
        Assert.All(lines, l => Assert.True(TypesetWidth(layout, l.TrimEnd()) <= width || !l.TrimEnd().Contains(' '),
            $"\"{l}\" is wider than {width} pt"));
    }

    [Fact]
    public void Only_a_word_wider_than_the_column_is_cut()
    {
        using var layout = new PdfLayout("Test", new PdfRunningText("Test", "Detail", "Footer"));

        var wide = layout.Wrap("Engagement Versions", PdfStyles.TableHeader, 200);
        var narrow = layout.Wrap("Engagement", PdfStyles.TableHeader, 25);

        Assert.Equal(["Engagement Versions"], wide);
        Assert.True(narrow.Count > 1);
        Assert.Equal("Engagement", string.Concat(narrow));
    }

    [Fact]
    public void Table_columns_are_widened_to_hold_their_widest_word_so_headers_and_labels_stay_whole()
    {
        using var layout = new PdfLayout("Column test", new PdfRunningText("Running title", "Detail", "Footer note"));
        var table = new PdfTable(new("Version", 0.3), new("Lever", 0.3), new("Description", 9));
        table.Row("1", "Engagement", SampleMinutes.Prose(1, 40));
        table.Row("2", "Accommodation", SampleMinutes.Prose(2, 40));
        layout.Table(table);

        var words = PdfText.Read(layout.Render()).Words;

        Assert.Contains("Version", words);
        Assert.Contains("Engagement", words);
        Assert.Contains("Accommodation", words);
    }

    [Fact]
    public void A_heading_near_the_foot_of_a_page_moves_over_with_the_first_two_lines_of_its_text()
    {
        var tight = HeadingThenParagraph(roomLeft: 45);
        var roomy = HeadingThenParagraph(roomLeft: 120);

        Assert.Equal(tight.PageOf("Heading near the foot"), tight.PageOf("FIRSTWORD"));
        Assert.Equal(2, tight.PageOf("Heading near the foot"));
        Assert.Equal(1, roomy.PageOf("Heading near the foot"));
        Assert.Equal(1, roomy.PageOf("FIRSTWORD"));
    }

    [Fact]
    public void A_label_and_its_paragraph_are_not_parted()
    {
        using var layout = new PdfLayout("Label test", new PdfRunningText("Running title", "Detail", "Footer note"));
        layout.Space(PdfLayout.ContentBottom - PdfLayout.ContentTop - 20).Label("Summary shown at the panel")
            .Paragraph("FIRSTWORD " + SampleMinutes.Prose(3, 60));

        var pages = new PagedText(layout.Render());

        Assert.Equal(2, pages.PageOf("Summary"));
        Assert.Equal(2, pages.PageOf("FIRSTWORD"));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(90)]
    public void A_table_starting_near_the_foot_of_a_page_keeps_caption_header_and_two_rows_together(double roomLeft)
    {
        using var layout = new PdfLayout("Foot test", new PdfRunningText("Running title", "Detail", "Footer note"));
        layout.Space(PdfLayout.ContentBottom - PdfLayout.ContentTop - roomLeft).Heading("Case heading", level: 2);
        var table = new PdfTable(new("Agency", 2), new("Lever", 1), new("What the agency holds", 4)) { Caption = "Levers by agency" };
        for (var i = 0; i < 6; i++) table.Row($"AGENCY{i}", "Support", SampleMinutes.Prose(i, 12));
        layout.Table(table);

        var pages = new PagedText(layout.Render());

        var page = pages.PageOf("Levers");
        Assert.Equal(2, page);
        Assert.Equal(page, pages.PageOf("Case heading"));
        Assert.Equal(page, pages.PageOf("Agency"));
        Assert.Equal(page, pages.PageOf("AGENCY0"));
        Assert.Equal(page, pages.PageOf("AGENCY1"));
    }

    [Fact]
    public void A_table_with_room_for_its_header_and_two_rows_starts_where_it_is()
    {
        using var layout = new PdfLayout("Foot test", new PdfRunningText("Running title", "Detail", "Footer note"));
        layout.Space(PdfLayout.ContentBottom - PdfLayout.ContentTop - 110);
        var table = new PdfTable(new("Agency", 2), new("Lever", 1), new("What the agency holds", 4)) { Caption = "Levers by agency" };
        for (var i = 0; i < 12; i++) table.Row($"AGENCY{i}", "Support", "Short text");
        layout.Table(table);

        var pages = new PagedText(layout.Render());

        Assert.Equal(1, pages.PageOf("Levers"));
        Assert.Equal(1, pages.PageOf("AGENCY1"));
        Assert.Equal(2, pages.PageOf("AGENCY11"));
    }

    /// <summary>Every starting height a block can meet at a page's foot, in steps finer than a line.</summary>
    public static TheoryData<double> RoomsLeft() => [.. Enumerable.Range(0, 64).Select(i => 4.0 * i)];

    [Theory]
    [MemberData(nameof(RoomsLeft))]
    public void A_heading_with_a_one_line_note_above_a_table_is_kept_with_the_tables_first_rows(double roomLeft)
    {
        using var layout = new PdfLayout("Foot test", new PdfRunningText("Running title", "Detail", "Footer note"));
        layout.Space(PdfLayout.ContentBottom - PdfLayout.ContentTop - roomLeft).Heading("HEADING of the section")
            .Paragraph("NOTE above the table, one line.", PdfStyles.Small);
        var table = new PdfTable(new("Case", 1), new("Action agreed", 4));
        for (var i = 0; i < 6; i++) table.Row($"ROW{i}", SampleMinutes.Prose(i, 12));
        layout.Table(table).Paragraph("END");

        var placed = Placed.Of(layout);

        Assert.Equal(placed.PageOf("HEADING"), placed.PageOf("NOTE"));
        Assert.Equal(placed.PageOf("HEADING"), placed.PageOf("ROW1"));
    }

    [Fact]
    public void A_section_of_one_line_stays_on_its_page_when_the_next_heading_moves_on()
    {
        using var layout = new PdfLayout("Section test", new PdfRunningText("Running title", "Detail", "Footer note"));
        layout.Space(PdfLayout.ContentBottom - PdfLayout.ContentTop - 75).Heading("FIRST section").Paragraph("ONELINE of text.")
            .Heading("SECOND section").Paragraph("SECONDWORD " + SampleMinutes.Prose(2, 80));

        var placed = Placed.Of(layout);

        Assert.Equal((1, 1), (placed.PageOf("FIRST"), placed.PageOf("ONELINE")));
        Assert.Equal((2, 2), (placed.PageOf("SECOND"), placed.PageOf("SECONDWORD")));
    }

    [Fact]
    public void One_line_paragraphs_after_a_heading_wait_for_no_more_than_two_lines()
    {
        using var layout = new PdfLayout("Short lines test", new PdfRunningText("Running title", "Detail", "Footer note"));
        layout.Space(PdfLayout.ContentBottom - PdfLayout.ContentTop - 75).Heading("HEADING of the section");
        for (var i = 0; i < 8; i++) layout.Paragraph($"LINE{i} of its own.");

        var placed = Placed.Of(layout);

        Assert.Equal((1, 1, 1), (placed.PageOf("HEADING"), placed.PageOf("LINE0"), placed.PageOf("LINE1")));
        Assert.Equal(2, placed.PageOf("LINE7"));
    }

    [Theory]
    [MemberData(nameof(RoomsLeft))]
    public void A_table_note_is_never_parted_from_the_tables_last_row(double roomLeft)
    {
        using var layout = new PdfLayout("Note test", new PdfRunningText("Running title", "Detail", "Footer note"));
        var table = new PdfTable(new("Work status", 3), new("Number", 1), new("%", 1))
        {
            Caption = "Open cases by work status",
            Note = "NOTE n = 78 cases open at the end of the period; " + SampleMinutes.Prose(4, 30),
        };
        for (var i = 0; i < 30; i++) table.Row($"ROW{i}", "21", "27%");
        layout.Space(PdfLayout.ContentBottom - PdfLayout.ContentTop - 380 - roomLeft).Table(table).Paragraph("END");

        var placed = Placed.Of(layout);

        Assert.Equal(placed.PageOf("ROW29"), placed.PageOf("NOTE"));
    }

    public static TheoryData<int> SummaryLengths() => [.. Enumerable.Range(0, 40).Select(i => 20 + 7 * i)];

    [Theory]
    [MemberData(nameof(SummaryLengths))]
    public void No_heading_caption_or_header_row_is_left_at_a_pages_foot_in_long_minutes(int summaryWords)
    {
        using var layout = MinutesPdf.Compose(SampleMinutes.Build(8, summaryWords));

        Assert.Empty(Placed.Of(layout).Orphans());
    }

    public static TheoryData<int> ItemCounts() => [.. Enumerable.Range(0, 30).Select(i => 2 + 3 * i)];

    [Theory]
    [MemberData(nameof(ItemCounts))]
    public void No_agency_heading_or_header_row_is_left_at_a_pages_foot_in_a_combined_action_list(int itemCount)
    {
        var minutes = SampleMinutes.Build(itemCount).Content;
        var groups = minutes.Items.SelectMany(i => i.Actions).Concat(minutes.OutstandingActions)
            .GroupBy(a => a.OwnerAgencyName).Select(g => new DapPanel.Core.Minutes.ActionListGroup(g.Key, [.. g])).ToList();
        var list = new DapPanel.Core.Minutes.ActionListDocument(minutes.PanelName, minutes.StartsAt, null, groups,
            minutes.StartsAt.AddDays(1), "DI Sam Kestrel");

        using var layout = ActionListPdf.Compose(list);

        Assert.Empty(Placed.Of(layout).Orphans());
    }

    static PagedText HeadingThenParagraph(double roomLeft)
    {
        using var layout = new PdfLayout("Heading test", new PdfRunningText("Running title", "Detail", "Footer note"));
        layout.Space(PdfLayout.ContentBottom - PdfLayout.ContentTop - roomLeft).Heading("Heading near the foot")
            .Paragraph("FIRSTWORD " + SampleMinutes.Prose(5, 80));
        return new PagedText(layout.Render());
    }

    static double TypesetWidth(PdfLayout layout, string text) =>
        layout.Wrap(text, PdfStyles.TableText, 10_000).Count == 1 ? MeasureWidth(text) : double.MaxValue;

    static double MeasureWidth(string text)
    {
        using var type = new PdfTypesetter();
        return type.Width(PdfStyles.TableText, text);
    }

    /// <summary>Where each run of text landed: its page, its line and the structure it is in (H2, Caption, THead ...).</summary>
    sealed class Placed
    {
        readonly List<(int Page, double Y, string[] Tags, string Text)> texts = [];

        public static Placed Of(PdfLayout layout)
        {
            var placed = new Placed();
            var page = 1;
            var tags = new Stack<string>();
            foreach (var draw in layout.Draws)
            {
                switch (draw.Kind)
                {
                    case PdfDrawKind.Begin: tags.Push(draw.Tag.ToString()); break;
                    case PdfDrawKind.End: tags.Pop(); break;
                    case PdfDrawKind.NextPage: page++; break;
                    case PdfDrawKind.Text when !draw.Artifact: placed.texts.Add((page, draw.Y, [.. tags], draw.Text!)); break;
                }
            }
            return placed;
        }

        public int PageOf(string word) => texts.FirstOrDefault(t => t.Text.Split(' ').Contains(word)).Page is var p and > 0
            ? p : throw new Xunit.Sdk.XunitException($"\"{word}\" was not laid out");

        static bool IsHeading(string[] tags) => tags.Any(t => t is "H1" or "H2" or "H3");

        static bool KeptWithNext(string[] tags) => tags.Any(t => t is "H1" or "H2" or "H3" or "Caption" or "THead");

        /// <summary>Headings, captions and header rows with fewer than two lines of anything else after them on their page.</summary>
        public List<string> Orphans()
        {
            var orphans = new List<string>();
            for (var i = 0; i < texts.Count; i++)
            {
                if (!KeptWithNext(texts[i].Tags)) continue;
                var after = texts.Skip(i + 1).ToList();
                if (after.Count == 0 || after.All(t => KeptWithNext(t.Tags))) continue;
                var samePage = after.TakeWhile(t => t.Page == texts[i].Page).Where(t => !KeptWithNext(t.Tags)).Select(t => t.Y).Distinct().Count();
                // What a heading introduces ends at the next heading: a section of one line needs only that line.
                var followingLines = after.TakeWhile(t => !IsHeading(t.Tags)).Where(t => !KeptWithNext(t.Tags))
                    .Select(t => (t.Page, t.Y)).Distinct().Count();
                if (samePage < Math.Min(2, followingLines))
                    orphans.Add($"\"{texts[i].Text}\" ({string.Join("/", texts[i].Tags.Reverse())}) on page {texts[i].Page} has {samePage} line(s) after it there");
            }
            return orphans;
        }
    }

    /// <summary>Which page (from 1) a word is first on.</summary>
    sealed class PagedText(byte[] pdf)
    {
        readonly IReadOnlyList<string> pages = PdfText.Read(pdf).Pages;

        public int PageOf(string word)
        {
            for (var p = 0; p < pages.Count; p++)
                if ((" " + pages[p] + " ").Contains($" {word} ", StringComparison.Ordinal)) return p + 1;
            throw new Xunit.Sdk.XunitException($"\"{word}\" is on no page:\n{string.Join("\n---\n", pages)}");
        }
    }
}
