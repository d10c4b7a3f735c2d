using PdfSharp.Drawing;

namespace DapPanel.App.Pdf;

/// <summary>What every page carries besides the marking: a running title, a detail and a footer note.</summary>
public sealed record PdfRunningText(string Title, string Detail, string FooterNote);

/// <summary>
/// The one place documents are laid out. A document type adds blocks in reading order (title, headings, paragraphs,
/// lists, callouts, tables); each is measured, broken into lines at spaces and hyphens, placed on pages and given its
/// structure element, so every document comes out tagged the same way. A heading, label or caption is kept with at
/// least two lines (or rows) of what follows it; a table's header row repeats on each page it continues on.
/// <see cref="Render"/> draws the pages once the page count is known, with the marking and "Page X of Y".
/// </summary>
public sealed class PdfLayout : IDisposable
{
    public const string Marking = "OFFICIAL-SENSITIVE";
    public const double PageWidth = 595.28, PageHeight = 841.89; // A4 in points
    public const double MarginX = 56, ContentTop = 74, ContentBottom = PageHeight - 64;
    const double CellPadX = 4.5, CellPadY = 3.2, NoteGap = 3;
    /// <summary>How many lines or rows a heading, label or caption is kept with, and the fewest a block leaves at a page's foot.</summary>
    public const int KeepLines = 2;

    readonly string documentTitle;
    readonly PdfRunningText running;
    readonly PdfTypesetter type = new();
    readonly List<PdfDraw> draws = [];
    readonly List<(double Height, Action Place, bool Content)> kept = [];
    int pages = 1;
    double y = ContentTop;

    public PdfLayout(string documentTitle, PdfRunningText running)
    {
        this.documentTitle = documentTitle;
        this.running = running;
    }

    public static double ContentWidth => PageWidth - 2 * MarginX;
    public int PageCount => pages;

    /// <summary>What has been laid out so far, in reading order.</summary>
    public IReadOnlyList<PdfDraw> Draws => draws;

    /// <summary>The document's title (the one first-level heading) and an optional subtitle under it.</summary>
    public PdfLayout Title(string title, string? subtitle = null)
    {
        Lead(0);
        Block(PdfTag.H1, Wrap(title, PdfStyles.Title, ContentWidth), PdfStyles.Title, MarginX);
        if (subtitle is not null)
        {
            y += 2;
            var style = PdfStyles.Heading2 with { Bold = false, Colour = PdfStyles.Muted };
            Block(PdfTag.P, Wrap(subtitle, style, ContentWidth), style, MarginX);
        }
        y += 6;
        draws.Add(PdfDraw.Line(PdfStyles.Accent, 1.4, MarginX, y, ContentWidth));
        y += 12;
        return this;
    }

    /// <summary>A section heading (level 1) or a heading within a section (level 2), kept with what follows.</summary>
    public PdfLayout Heading(string text, int level = 1)
    {
        // A one-line paragraph waiting with the heading before it is that heading's whole section: it stays on its page.
        if (kept.Count > 0 && kept[^1].Content) Lead(0);
        var major = level <= 1;
        var style = major ? PdfStyles.Heading1 : PdfStyles.Heading2;
        var lines = Wrap(text, style, ContentWidth);
        double before = major ? 10 : 6, after = major ? 6 : 2;
        Keep(before + lines.Count * style.LineHeight + after, () =>
        {
            if (y > ContentTop) y += before;
            Block(major ? PdfTag.H2 : PdfTag.H3, lines, style, MarginX);
            if (major)
            {
                y += 1.5;
                draws.Add(PdfDraw.Line(PdfStyles.Rule, 0.75, MarginX, y, ContentWidth));
                y += 4.5;
            }
            else y += 2;
        });
        return this;
    }

    /// <summary>A small bold lead-in ("Notes"), kept with what follows it.</summary>
    public PdfLayout Label(string text)
    {
        var lines = Wrap(text, PdfStyles.SmallBold, ContentWidth);
        Keep(lines.Count * PdfStyles.SmallBold.LineHeight + 1, () =>
        {
            Block(PdfTag.P, lines, PdfStyles.SmallBold, MarginX);
            y += 1;
        });
        return this;
    }

    public PdfLayout Paragraph(string? text, PdfStyle? style = null, double spaceAfter = 5)
    {
        if (string.IsNullOrWhiteSpace(text)) return this;
        var s = style ?? PdfStyles.Body;
        var lines = Wrap(text, s, ContentWidth);
        if (kept.Count > 0 && !kept[^1].Content && lines.Count < KeepLines)
        {
            // Too short to hold a heading at a page's foot by itself (a one-line note above a table): it waits with
            // the heading, and both go with the first lines or rows of what follows (a second short paragraph is
            // that much, so it places them).
            Keep(lines.Count * s.LineHeight + spaceAfter, () =>
            {
                Block(PdfTag.P, lines, s, MarginX);
                y += spaceAfter;
            }, content: true);
            return this;
        }
        Lead(Math.Min(lines.Count, KeepLines) * s.LineHeight);
        Block(PdfTag.P, lines, s, MarginX);
        y += spaceAfter;
        return this;
    }

    /// <summary>A bulleted list; each item wraps under its own text.</summary>
    public PdfLayout List(IEnumerable<string> items, PdfStyle? style = null, double spaceAfter = 5)
    {
        var s = style ?? PdfStyles.Body;
        const string bullet = "•";
        const double indent = 12;
        var wrapped = items.Select(i => Wrap(i, s, ContentWidth - indent)).ToList();
        if (wrapped.Count == 0) return this;
        Lead(Math.Min(wrapped.Sum(w => w.Count), KeepLines) * s.LineHeight);
        draws.Add(PdfDraw.Begin(PdfTag.L));
        foreach (var lines in wrapped)
        {
            if (y + s.LineHeight > ContentBottom) BreakPage();
            draws.Add(PdfDraw.Begin(PdfTag.LI));
            draws.Add(PdfDraw.Begin(PdfTag.Lbl));
            TextAt(bullet, s, MarginX + 2, s.LineHeight);
            draws.Add(PdfDraw.End);
            Block(PdfTag.LBody, lines, s, MarginX + indent);
            draws.Add(PdfDraw.End);
            y += 1.5;
        }
        draws.Add(PdfDraw.End);
        y += spaceAfter;
        return this;
    }

    /// <summary>A tinted block with an accent bar, for decisions and notices; it may continue on the next page.</summary>
    public PdfLayout Callout(string text, PdfStyle? style = null, XColor? bar = null, string? title = null)
    {
        var s = style ?? PdfStyles.Body;
        var titleStyle = s with { Bold = true, Colour = PdfStyles.Accent };
        const double inset = 10, padY = 5;
        var lines = Wrap(text, s, ContentWidth - 2 * inset);
        var titleLines = title is null ? [] : Wrap(title, titleStyle, ContentWidth - 2 * inset);
        Lead((titleLines.Count + Math.Min(lines.Count, KeepLines)) * s.LineHeight + 2 * padY);
        draws.Add(PdfDraw.Begin(PdfTag.Div));
        var done = 0;
        while (done < lines.Count)
        {
            var extra = done == 0 ? titleLines.Count : 0;
            var fit = (int)Math.Floor((ContentBottom - y - 2 * padY) / s.LineHeight) - extra;
            if (fit < 1 && y > ContentTop) { BreakPage(); continue; }
            var take = Math.Max(1, Math.Min(fit, lines.Count - done));
            var height = (take + extra) * s.LineHeight + 2 * padY;
            draws.Add(PdfDraw.Rectangle(PdfStyles.CalloutFill, MarginX, y, ContentWidth, height));
            draws.Add(PdfDraw.Rectangle(bar ?? PdfStyles.Accent, MarginX, y, 2.5, height));
            y += padY;
            if (done == 0)
            {
                if (titleLines.Count > 0) Block(PdfTag.P, titleLines, titleStyle, MarginX + inset);
                draws.Add(PdfDraw.Begin(PdfTag.P));
            }
            Lines(lines.Skip(done).Take(take), s, MarginX + inset);
            y += padY;
            done += take;
            if (done < lines.Count) BreakPage();
        }
        draws.Add(PdfDraw.End);
        draws.Add(PdfDraw.End);
        y += 6;
        return this;
    }

    public PdfLayout Space(double points)
    {
        if (kept.Count > 0) Keep(points, () => y = Math.Min(y + points, ContentBottom));
        else y = Math.Min(y + points, ContentBottom);
        return this;
    }

    public PdfLayout Table(PdfTable table, double spaceAfter = 8)
    {
        var widths = ColumnWidths(table);
        var padY = table.Plain ? 1.5 : CellPadY;
        var header = table.Plain ? null
            : table.Columns.Select((c, i) => Wrap(c.Title, PdfStyles.TableHeader, widths[i] - 2 * CellPadX)).ToList();
        var headerHeight = header is null ? 0 : header.Max(l => l.Count) * PdfStyles.TableHeader.LineHeight + 2 * CellPadY;
        var defaultStyle = table.Plain ? PdfStyles.Body : PdfStyles.TableText;
        var rows = table.Rows.Select(row =>
        {
            var styles = row.Cells.Select((_, i) => row.StyleOf(i) ?? defaultStyle).ToArray();
            var cells = row.Cells.Select((text, i) => Wrap(text ?? "", styles[i], widths[i] - 2 * CellPadX)).ToArray();
            return (Styles: styles, Cells: cells, LineHeight: styles.Max(s => s.LineHeight), Count: Math.Max(1, cells.Max(c => c.Count)));
        }).ToList();
        var caption = table.Caption is null ? [] : Wrap(table.Caption, PdfStyles.SmallBold, ContentWidth);
        var captionHeight = caption.Count == 0 ? 0 : caption.Count * PdfStyles.SmallBold.LineHeight + 2;
        var note = table.Note is null ? [] : Wrap(table.Note, PdfStyles.Small, ContentWidth);
        // The note's first lines go on the page of the table's last row.
        var noteHeight = note.Count == 0 ? 0 : NoteGap + Math.Min(note.Count, KeepLines) * PdfStyles.Small.LineHeight;

        // The caption and header stay with the first two rows (whole rows, as rows move to a new page whole).
        var firstRows = rows.Take(KeepLines).Sum(r => Math.Min(r.Count, LinesPerPage(r.LineHeight)) * r.LineHeight + 2 * padY);
        Lead(Math.Min(captionHeight + headerHeight + firstRows + (rows.Count <= KeepLines ? noteHeight : 0), ContentBottom - ContentTop));
        draws.Add(PdfDraw.Begin(PdfTag.Table));
        if (caption.Count > 0)
        {
            // A caption is a grouping element: its text is marked as a paragraph inside it.
            draws.Add(PdfDraw.Begin(PdfTag.Caption));
            Block(PdfTag.P, caption, PdfStyles.SmallBold, MarginX);
            draws.Add(PdfDraw.End);
            y += 2;
        }
        if (header is not null)
        {
            draws.Add(PdfDraw.Begin(PdfTag.THead));
            draws.Add(PdfDraw.Begin(PdfTag.TR));
            DrawHeader(repeated: false);
            draws.Add(PdfDraw.End);
            draws.Add(PdfDraw.End);
        }
        draws.Add(PdfDraw.Begin(PdfTag.TBody));
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var perPage = LinesPerPage(row.LineHeight);
            var done = 0;
            // The last row takes the note's first lines with it to a new page rather than leave them there alone.
            var below = r == rows.Count - 1 && row.Count * row.LineHeight + noteHeight <= perPage * row.LineHeight ? noteHeight : 0;
            while (done < row.Count)
            {
                var fit = (int)Math.Floor((ContentBottom - y - 2 * padY - (done == 0 ? below : 0)) / row.LineHeight);
                // A row that fits on a fresh page moves there whole rather than splitting.
                if (fit < 1 || (done == 0 && fit < row.Count && row.Count <= perPage)) { BreakPage(); DrawHeader(repeated: true); continue; }
                var take = Math.Min(fit, row.Count - done);
                draws.Add(PdfDraw.Begin(PdfTag.TR));
                var x = MarginX;
                for (var c = 0; c < row.Cells.Length; c++)
                {
                    var saved = y;
                    y += padY;
                    Block(table.Plain && c == 0 ? PdfTag.RowHeader : PdfTag.TD, row.Cells[c].Skip(done).Take(take), row.Styles[c],
                        x + CellPadX, row.LineHeight);
                    y = saved;
                    x += widths[c];
                }
                draws.Add(PdfDraw.End);
                y += take * row.LineHeight + 2 * padY;
                if (!table.Plain) draws.Add(PdfDraw.Line(PdfStyles.Rule, 0.5, MarginX, y, ContentWidth));
                done += take;
                if (done < row.Count) { BreakPage(); DrawHeader(repeated: true); }
            }
        }
        draws.Add(PdfDraw.End);
        draws.Add(PdfDraw.End);
        if (note.Count > 0)
        {
            y += NoteGap;
            Block(PdfTag.P, note, PdfStyles.Small, MarginX);
        }
        y += spaceAfter;
        return this;

        int LinesPerPage(double lineHeight) => (int)Math.Floor((ContentBottom - ContentTop - headerHeight - 2 * padY) / lineHeight);

        // The first header row is the table's header cells; a repeat on a continuing page is decoration.
        void DrawHeader(bool repeated)
        {
            if (header is null) return;
            draws.Add(PdfDraw.Rectangle(PdfStyles.HeaderFill, MarginX, y, ContentWidth, headerHeight));
            draws.Add(PdfDraw.Line(PdfStyles.Accent, 0.9, MarginX, y, ContentWidth));
            var x = MarginX;
            for (var c = 0; c < header.Count; c++)
            {
                var saved = y;
                y += CellPadY;
                if (repeated) Lines(header[c], PdfStyles.TableHeader, x + CellPadX, artifact: true);
                else Block(PdfTag.ColumnHeader, header[c], PdfStyles.TableHeader, x + CellPadX);
                y = saved;
                x += widths[c];
            }
            y += headerHeight;
            draws.Add(PdfDraw.Line(PdfStyles.Accent, 0.6, MarginX, y, ContentWidth));
        }
    }

    /// <summary>Starts a new page unless this much space is left, so a heading stays with the figure that follows it.</summary>
    public PdfLayout KeepTogether(double height)
    {
        Lead(Math.Min(height, ContentBottom - ContentTop));
        return this;
    }

    /// <summary>
    /// A drawing (a chart) kept whole on one page, tagged as a figure with <paramref name="altText"/>. Its shapes are
    /// in points from its top left; only rectangles, lines and text are drawn.
    /// </summary>
    public PdfLayout Drawing(double width, double height, string altText, IEnumerable<PdfDraw> shapes, double spaceAfter = 6)
    {
        Lead(Math.Min(height, ContentBottom - ContentTop));
        var top = y;
        draws.Add(PdfDraw.Figure(altText, MarginX, top, width, height));
        foreach (var shape in shapes)
        {
            if (shape.Kind is not (PdfDrawKind.Text or PdfDrawKind.Line or PdfDrawKind.Rectangle))
                throw new ArgumentException("A drawing holds text, lines and rectangles only.", nameof(shapes));
            draws.Add(shape with { X = shape.X + MarginX, Y = shape.Y + top, Artifact = false });
        }
        draws.Add(PdfDraw.End);
        y += height + spaceAfter;
        return this;
    }

    /// <summary>How wide a run of text is in a style, in points.</summary>
    public double TextWidth(string text, PdfStyle style) => type.Width(style, text);

    /// <summary>Lays out anything still waiting and writes the PDF: tagged (PDF/UA-1) unless asked otherwise.</summary>
    public byte[] Render(bool tagged = true)
    {
        Lead(0);
        return PdfPainter.Paint(draws, pages, type, documentTitle, running, tagged);
    }

    public List<string> Wrap(string text, PdfStyle style, double width) => type.Wrap(text, style, width);

    public void Dispose() => type.Dispose();

    /// <summary>
    /// Each column at least as wide as its widest word (or, failing that, its widest part between hyphens), so text
    /// breaks only at spaces and hyphens; the rest of the width is shared by the columns' weights. A column whose
    /// widest word cannot fit keeps its share and the word is cut.
    /// </summary>
    double[] ColumnWidths(PdfTable table)
    {
        var count = table.Columns.Count;
        var weights = table.Columns.Select(c => c.Weight).ToArray();
        var ideal = weights.Select(w => ContentWidth * w / weights.Sum()).ToArray();
        var defaultStyle = table.Plain ? PdfStyles.Body : PdfStyles.TableText;
        double[] Needs(bool wholeWords) => Enumerable.Range(0, count).Select(i =>
            2 * CellPadX + Math.Max(type.Widest(table.Columns[i].Title, PdfStyles.TableHeader, wholeWords),
                table.Rows.Select(r => type.Widest(r.Cells[i], r.StyleOf(i) ?? defaultStyle, wholeWords)).DefaultIfEmpty(0).Max())).ToArray();

        var mins = Needs(wholeWords: true);
        if (mins.Sum() > ContentWidth) mins = Needs(wholeWords: false);
        if (mins.Sum() > ContentWidth)
            for (var i = 0; i < count; i++) mins[i] = Math.Min(mins[i], ideal[i]);

        var widths = new double[count];
        var fixedAt = new bool[count];
        while (true)
        {
            var free = ContentWidth - Enumerable.Range(0, count).Where(i => fixedAt[i]).Sum(i => mins[i]);
            var share = Enumerable.Range(0, count).Where(i => !fixedAt[i]).Sum(i => weights[i]);
            var changed = false;
            for (var i = 0; i < count; i++)
            {
                if (fixedAt[i]) { widths[i] = mins[i]; continue; }
                widths[i] = free * weights[i] / share;
                if (widths[i] < mins[i]) { fixedAt[i] = true; changed = true; }
            }
            if (!changed) return widths;
        }
    }

    /// <summary>Holds a heading-like block until the next block is placed, so both land on the same page.</summary>
    void Keep(double height, Action place, bool content = false) => kept.Add((height, place, content));

    /// <summary>
    /// Before a block: start a new page unless what is waiting to be kept with it and <paramref name="need"/> points
    /// of the block itself fit on this one, then place what was waiting.
    /// </summary>
    void Lead(double need)
    {
        var height = kept.Sum(k => k.Height) + need;
        if (y + height > ContentBottom && y > ContentTop) BreakPage();
        foreach (var (_, place, _) in kept) place();
        kept.Clear();
    }

    void BreakPage()
    {
        draws.Add(PdfDraw.NextPage);
        pages++;
        y = ContentTop;
    }

    void Block(PdfTag tag, IEnumerable<string> lines, PdfStyle style, double x, double? lineHeight = null)
    {
        draws.Add(PdfDraw.Begin(tag));
        Lines(lines, style, x, lineHeight);
        draws.Add(PdfDraw.End);
    }

    /// <summary>Lines top-down from the cursor, moving to a new page whenever the next line would not fit.</summary>
    void Lines(IEnumerable<string> lines, PdfStyle style, double x, double? lineHeight = null, bool artifact = false)
    {
        var height = lineHeight ?? style.LineHeight;
        foreach (var line in lines)
        {
            if (y + height > ContentBottom) BreakPage();
            if (line.Length > 0) TextAt(line, style, x, height, artifact);
            y += height;
        }
    }

    void TextAt(string text, PdfStyle style, double x, double lineHeight, bool artifact = false) =>
        draws.Add(PdfDraw.String(text, style, x, y + (lineHeight - style.Size * 1.17) / 2, artifact));
}
