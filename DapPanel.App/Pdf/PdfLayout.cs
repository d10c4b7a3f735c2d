using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DapPanel.App.Pdf;

/// <summary>What every page carries besides the marking: a running title, a detail and a footer note.</summary>
public sealed record PdfRunningText(string Title, string Detail, string FooterNote);

/// <summary>
/// The one place documents are laid out: paragraphs that wrap (breaking words longer than a line), headings kept
/// with what follows, tables whose rows wrap and whose header repeats on each page, page breaks, and on every page
/// the security marking at top and bottom with "Page X of Y", drawn once the page count is known.
/// </summary>
public sealed class PdfLayout : IDisposable
{
    public const string Marking = "OFFICIAL-SENSITIVE";
    public const double PageWidth = 595.28, PageHeight = 841.89; // A4 in points
    const double MarginX = 56, ContentTop = 74, ContentBottom = PageHeight - 64;
    const double CellPadX = 4.5, CellPadY = 3.2;

    readonly PdfDocument document = new();
    readonly PdfRunningText running;
    readonly Dictionary<PdfStyle, XFont> fonts = [];
    readonly Dictionary<(XFont, string), double> widths = [];
    XGraphics gfx;
    double y;

    public PdfLayout(string documentTitle, PdfRunningText running)
    {
        this.running = running;
        document.Info.Title = documentTitle;
        document.Info.Creator = "DapPanel";
        document.Info.Subject = Marking;
        gfx = NewPage();
    }

    public static double ContentWidth => PageWidth - 2 * MarginX;
    public int PageCount => document.PageCount;

    public PdfLayout Title(string title, string? subtitle = null)
    {
        Lines(Wrap(title, PdfStyles.Title, ContentWidth), PdfStyles.Title, MarginX);
        if (subtitle is not null)
        {
            y += 2;
            Lines(Wrap(subtitle, PdfStyles.Heading2, ContentWidth), PdfStyles.Heading2 with { Bold = false, Colour = PdfStyles.Muted }, MarginX);
        }
        y += 6;
        gfx.DrawLine(new XPen(PdfStyles.Accent, 1.4), MarginX, y, MarginX + ContentWidth, y);
        y += 12;
        return this;
    }

    /// <summary>A heading that never sits alone at the foot of a page.</summary>
    public PdfLayout Heading(string text, int level = 1)
    {
        var style = level <= 1 ? PdfStyles.Heading1 : PdfStyles.Heading2;
        var lines = Wrap(text, style, ContentWidth);
        var spaceBefore = level <= 1 ? 10 : 6;
        if (y > ContentTop) y += spaceBefore;
        EnsureSpace(lines.Count * style.LineHeight + 3 * PdfStyles.Body.LineHeight);
        Lines(lines, style, MarginX);
        if (level <= 1)
        {
            y += 1.5;
            gfx.DrawLine(new XPen(PdfStyles.Rule, 0.75), MarginX, y, MarginX + ContentWidth, y);
            y += 4.5;
        }
        else y += 2;
        return this;
    }

    public PdfLayout Paragraph(string? text, PdfStyle? style = null, double spaceAfter = 5)
    {
        if (string.IsNullOrWhiteSpace(text)) return this;
        var s = style ?? PdfStyles.Body;
        Lines(Wrap(text, s, ContentWidth), s, MarginX);
        y += spaceAfter;
        return this;
    }

    /// <summary>A tinted block with an accent bar, for decisions and notices; it may continue on the next page.</summary>
    public PdfLayout Callout(string text, PdfStyle? style = null, XColor? bar = null, string? title = null)
    {
        var s = style ?? PdfStyles.Body;
        const double inset = 10, padY = 5;
        var lines = Wrap(text, s, ContentWidth - 2 * inset);
        var titleLines = title is null ? [] : Wrap(title, s with { Bold = true, Colour = PdfStyles.Accent }, ContentWidth - 2 * inset);
        var done = 0;
        while (done < lines.Count)
        {
            var extra = done == 0 ? titleLines.Count : 0;
            var fit = (int)Math.Floor((ContentBottom - y - 2 * padY) / s.LineHeight) - extra;
            // Start on a new page rather than leave fewer than three lines at the foot of this one.
            if (y > ContentTop && (fit < 1 || (done == 0 && fit < Math.Min(lines.Count, 3)))) { BreakPage(); continue; }
            var take = Math.Max(1, Math.Min(fit, lines.Count - done));
            var height = (take + extra) * s.LineHeight + 2 * padY;
            gfx.DrawRectangle(new XSolidBrush(PdfStyles.CalloutFill), MarginX, y, ContentWidth, height);
            gfx.DrawRectangle(new XSolidBrush(bar ?? PdfStyles.Accent), MarginX, y, 2.5, height);
            y += padY;
            if (done == 0 && titleLines.Count > 0) Lines(titleLines, s with { Bold = true, Colour = PdfStyles.Accent }, MarginX + inset);
            Lines(lines.Skip(done).Take(take).ToList(), s, MarginX + inset);
            y += padY;
            done += take;
            if (done < lines.Count) BreakPage();
        }
        y += 6;
        return this;
    }

    public PdfLayout Space(double points)
    {
        y = Math.Min(y + points, ContentBottom);
        return this;
    }

    public PdfLayout Table(PdfTable table, double spaceAfter = 8)
    {
        var total = table.Columns.Sum(c => c.Weight);
        var colWidths = table.Columns.Select(c => ContentWidth * c.Weight / total).ToArray();
        var padY = table.Plain ? 1.5 : CellPadY;
        var header = table.Plain ? null
            : table.Columns.Select((c, i) => Wrap(c.Title, PdfStyles.TableHeader, colWidths[i] - 2 * CellPadX)).ToList();
        var headerHeight = header is null ? 0 : header.Max(l => l.Count) * PdfStyles.TableHeader.LineHeight + 2 * CellPadY;
        var defaultStyle = table.Plain ? PdfStyles.Body : PdfStyles.TableText;

        var firstRowLine = (table.Rows.FirstOrDefault()?.Cells.Count > 0 ? defaultStyle.LineHeight : 0) + 2 * padY;
        var caption = table.Caption is null ? [] : Wrap(table.Caption, PdfStyles.SmallBold, ContentWidth);
        EnsureSpace(caption.Count * PdfStyles.SmallBold.LineHeight + 2 + headerHeight + firstRowLine);
        if (caption.Count > 0)
        {
            Lines(caption, PdfStyles.SmallBold, MarginX);
            y += 2;
        }
        DrawHeader();

        foreach (var row in table.Rows)
        {
            var styles = row.Cells.Select((_, i) => row.StyleOf(i) ?? defaultStyle).ToArray();
            var cells = row.Cells.Select((text, i) => Wrap(text ?? "", styles[i], colWidths[i] - 2 * CellPadX)).ToArray();
            var lineHeight = styles.Max(s => s.LineHeight);
            var count = Math.Max(1, cells.Max(c => c.Count));
            var perPage = (int)Math.Floor((ContentBottom - ContentTop - headerHeight - 2 * padY) / lineHeight);
            var done = 0;
            while (done < count)
            {
                var fit = (int)Math.Floor((ContentBottom - y - 2 * padY) / lineHeight);
                // A row that fits on a fresh page moves there whole rather than splitting.
                if (fit < 1 || (done == 0 && fit < count && count <= perPage)) { BreakPage(); DrawHeader(); continue; }
                var take = Math.Min(fit, count - done);
                var x = MarginX;
                for (var c = 0; c < cells.Length; c++)
                {
                    var saved = y;
                    y += padY;
                    Lines(cells[c].Skip(done).Take(take).ToList(), styles[c], x + CellPadX, lineHeight);
                    y = saved;
                    x += colWidths[c];
                }
                y += take * lineHeight + 2 * padY;
                if (!table.Plain) gfx.DrawLine(new XPen(PdfStyles.Rule, 0.5), MarginX, y, MarginX + ContentWidth, y);
                done += take;
                if (done < count) { BreakPage(); DrawHeader(); }
            }
        }
        y += spaceAfter;
        return this;

        void DrawHeader()
        {
            if (header is null) return;
            gfx.DrawRectangle(new XSolidBrush(PdfStyles.HeaderFill), MarginX, y, ContentWidth, headerHeight);
            gfx.DrawLine(new XPen(PdfStyles.Accent, 0.9), MarginX, y, MarginX + ContentWidth, y);
            var x = MarginX;
            for (var c = 0; c < header.Count; c++)
            {
                var saved = y;
                y += CellPadY;
                Lines(header[c], PdfStyles.TableHeader, x + CellPadX);
                y = saved;
                x += colWidths[c];
            }
            y += headerHeight;
            gfx.DrawLine(new XPen(PdfStyles.Accent, 0.6), MarginX, y, MarginX + ContentWidth, y);
        }
    }

    /// <summary>Starts a new page unless this much space is left, so a heading stays with the figure that follows it.</summary>
    public PdfLayout KeepTogether(double height)
    {
        EnsureSpace(height);
        return this;
    }

    /// <summary>A drawing (a chart) of the given height, kept whole on one page; it is drawn with its top left at the cursor.</summary>
    public PdfLayout Drawing(double height, Action<XGraphics, XPoint> draw, double spaceAfter = 6)
    {
        EnsureSpace(height);
        draw(gfx, new XPoint(MarginX, y));
        y += height + spaceAfter;
        return this;
    }

    /// <summary>Draws the header and footer on every page, now that the total is known, and returns the file.</summary>
    public byte[] Render()
    {
        gfx.Dispose();
        var total = document.PageCount;
        for (var i = 0; i < total; i++)
        {
            using var page = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            DrawFurniture(page, i + 1, total);
        }
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        gfx.Dispose();
        document.Dispose();
    }

    void DrawFurniture(XGraphics page, int number, int total)
    {
        var marking = Font(PdfStyles.MarkingText);
        var small = Font(PdfStyles.Small);
        var muted = new XSolidBrush(PdfStyles.Muted);
        var rule = new XPen(PdfStyles.Rule, 0.6);
        var right = MarginX + ContentWidth;

        page.DrawString(Marking, marking, new XSolidBrush(PdfStyles.Marking), new XRect(0, 20, PageWidth, 12), XStringFormats.TopCenter);
        page.DrawString(Fit(page, running.Title, small, ContentWidth * 0.62), small, muted, MarginX, 40, XStringFormats.TopLeft);
        var detail = Fit(page, running.Detail, small, ContentWidth * 0.36);
        page.DrawString(detail, small, muted, right - page.MeasureString(detail, small).Width, 40, XStringFormats.TopLeft);
        page.DrawLine(rule, MarginX, 54, right, 54);

        var footerY = PageHeight - 54;
        page.DrawLine(rule, MarginX, footerY, right, footerY);
        page.DrawString(Fit(page, running.FooterNote, small, ContentWidth * 0.7), small, muted, MarginX, footerY + 5, XStringFormats.TopLeft);
        var pageText = $"Page {number} of {total}";
        var bold = Font(PdfStyles.SmallBold);
        page.DrawString(pageText, bold, muted, right - page.MeasureString(pageText, bold).Width, footerY + 5, XStringFormats.TopLeft);
        page.DrawString(Marking, marking, new XSolidBrush(PdfStyles.Marking), new XRect(0, PageHeight - 32, PageWidth, 12), XStringFormats.TopCenter);
    }

    /// <summary>Running text is one line: shortened with an ellipsis rather than wrapped into the margin.</summary>
    static string Fit(XGraphics page, string text, XFont font, double width)
    {
        if (page.MeasureString(text, font).Width <= width) return text;
        var cut = text;
        while (cut.Length > 1 && page.MeasureString(cut + "…", font).Width > width) cut = cut[..^1];
        return cut.TrimEnd() + "…";
    }

    XGraphics NewPage()
    {
        var page = document.AddPage();
        page.Size = PageSize.A4;
        y = ContentTop;
        return XGraphics.FromPdfPage(page);
    }

    void BreakPage()
    {
        gfx.Dispose();
        gfx = NewPage();
    }

    void EnsureSpace(double height)
    {
        if (y + height > ContentBottom && y > ContentTop) BreakPage();
    }

    /// <summary>Draws lines top-down from the cursor, moving to a new page whenever the next line would not fit.</summary>
    void Lines(IReadOnlyList<string> lines, PdfStyle style, double x, double? lineHeight = null)
    {
        var font = Font(style);
        var brush = new XSolidBrush(style.Ink);
        var height = lineHeight ?? style.LineHeight;
        foreach (var line in lines)
        {
            if (y + height > ContentBottom) BreakPage();
            if (line.Length > 0) gfx.DrawString(line, font, brush, x, y + (height - style.Size * 1.17) / 2, XStringFormats.TopLeft);
            y += height;
        }
    }

    /// <summary>Word wrapping by measured width; a word longer than the line is broken where it must be.</summary>
    public List<string> Wrap(string text, PdfStyle style, double width)
    {
        var font = Font(style);
        var lines = new List<string>();
        foreach (var hardLine in text.Replace("\r\n", "\n").Split('\n'))
        {
            var words = hardLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length == 0) { lines.Add(""); continue; }
            var space = Measure(font, " ");
            var current = new System.Text.StringBuilder();
            var currentWidth = 0.0;
            foreach (var word in words)
            {
                var w = Measure(font, word);
                if (current.Length > 0 && currentWidth + space + w <= width)
                {
                    current.Append(' ').Append(word);
                    currentWidth += space + w;
                    continue;
                }
                if (current.Length > 0) { lines.Add(current.ToString()); current.Clear(); currentWidth = 0; }
                if (w <= width) { current.Append(word); currentWidth = w; continue; }
                foreach (var piece in BreakWord(font, word, width))
                {
                    if (current.Length > 0) lines.Add(current.ToString());
                    current.Clear().Append(piece);
                    currentWidth = Measure(font, piece);
                }
            }
            if (current.Length > 0) lines.Add(current.ToString());
        }
        return lines;
    }

    IEnumerable<string> BreakWord(XFont font, string word, double width)
    {
        var start = 0;
        var used = 0.0;
        for (var i = 0; i < word.Length; i++)
        {
            var w = gfx.MeasureString(word[i].ToString(), font).Width;
            if (used + w > width && i > start)
            {
                yield return word[start..i];
                start = i;
                used = 0;
            }
            used += w;
        }
        yield return word[start..];
    }

    double Measure(XFont font, string text)
    {
        if (!widths.TryGetValue((font, text), out var w))
            widths[(font, text)] = w = gfx.MeasureString(text, font).Width;
        return w;
    }

    XFont Font(PdfStyle style)
    {
        if (!fonts.TryGetValue(style, out var font))
        {
            var face = (style.Bold, style.Italic) switch
            {
                (true, true) => XFontStyleEx.BoldItalic,
                (true, false) => XFontStyleEx.Bold,
                (false, true) => XFontStyleEx.Italic,
                _ => XFontStyleEx.Regular,
            };
            fonts[style] = font = new XFont(PdfFonts.Family, style.Size, face);
        }
        return font;
    }
}
