using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace DapPanel.App.Pdf;

/// <summary>
/// Writes a laid-out document to PDF. Tagged (PDF/UA), every draw sits in the structure element the layout opened
/// for it, and the running header, footer, marking, rules, fills and repeated table headers are artifacts. Pages are
/// drawn in order, each once, with "Page X of Y" known from the layout.
/// </summary>
public static class PdfPainter
{
    public const string Language = "en-GB";

    public static byte[] Paint(IReadOnlyList<PdfDraw> draws, int pageCount, PdfTypesetter type, string documentTitle,
        PdfRunningText running, bool tagged)
    {
        using var document = new PdfDocument();
        // PDFsharp's own Flate writer leaves out the zlib checksum: streams are written plain and compressed by PdfFile.
        document.Options.NoCompression = true;
        document.Options.CompressContentStreams = false;
        var created = DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Utc);
        document.Info.Title = documentTitle;
        document.Info.Creator = "DapPanel";
        document.Info.Subject = PdfLayout.Marking;
        document.Info.CreationDate = created;
        var structure = tagged ? Tag(document) : null;

        var page = 1;
        var gfx = NewPage(document);
        var inArtifact = false;
        Furniture(gfx, type, running, page, pageCount, structure, header: true);
        foreach (var draw in draws)
        {
            if (structure is not null && draw.Artifact != inArtifact && draw.Kind is PdfDrawKind.Text or PdfDrawKind.Line or PdfDrawKind.Rectangle)
            {
                if (draw.Artifact) structure.BeginArtifact(); else structure.End();
                inArtifact = draw.Artifact;
            }
            else if (inArtifact && draw.Kind is PdfDrawKind.Begin or PdfDrawKind.End or PdfDrawKind.NextPage)
            {
                structure!.End();
                inArtifact = false;
            }
            switch (draw.Kind)
            {
                case PdfDrawKind.Text:
                    gfx.DrawString(draw.Text!, type.Font(draw.Style!), new XSolidBrush(draw.Style!.Ink), draw.X, draw.Y, XStringFormats.TopLeft);
                    break;
                case PdfDrawKind.Line:
                    gfx.DrawLine(new XPen(draw.Colour, draw.Thickness), draw.X, draw.Y, draw.X + draw.Width, draw.Y + draw.Height);
                    break;
                case PdfDrawKind.Rectangle:
                    gfx.DrawRectangle(new XSolidBrush(draw.Colour), draw.X, draw.Y, draw.Width, draw.Height);
                    break;
                case PdfDrawKind.Begin when structure is not null:
                    Begin(structure, draw);
                    break;
                case PdfDrawKind.End when structure is not null:
                    structure.End();
                    break;
                case PdfDrawKind.NextPage:
                    Furniture(gfx, type, running, page, pageCount, structure, header: false);
                    gfx.Dispose();
                    gfx = NewPage(document);
                    Furniture(gfx, type, running, ++page, pageCount, structure, header: true);
                    break;
            }
        }
        if (inArtifact) structure!.End();
        Furniture(gfx, type, running, page, pageCount, structure, header: false);
        gfx.Dispose();

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return PdfFile.Finish(stream.ToArray(), new PdfFileFacts(documentTitle, PdfLayout.Marking, "DapPanel",
            document.Info.Producer, created, tagged ? Language : null));
    }

    static StructureBuilder Tag(PdfDocument document)
    {
        var accessibility = UAManager.ForDocument(document);
        accessibility.SetDocumentLanguage(Language);
        return accessibility.StructureBuilder;
    }

    static XGraphics NewPage(PdfDocument document)
    {
        var page = document.AddPage();
        page.Size = PageSize.A4;
        return XGraphics.FromPdfPage(page);
    }

    static void Begin(StructureBuilder structure, PdfDraw draw)
    {
        var tag = draw.Tag;
        switch (tag)
        {
            case PdfTag.Figure:
                structure.BeginElement(PdfIllustrationElementTag.Figure, draw.Text ?? "", new XRect(draw.X, draw.Y, draw.Width, draw.Height));
                return;
            case PdfTag.Div: structure.BeginElement(PdfGroupingElementTag.Division); return;
            case PdfTag.Caption: structure.BeginElement(PdfGroupingElementTag.Caption); return;
        }
        structure.BeginElement(tag switch
        {
            PdfTag.H1 => PdfBlockLevelElementTag.Heading1,
            PdfTag.H2 => PdfBlockLevelElementTag.Heading2,
            PdfTag.H3 => PdfBlockLevelElementTag.Heading3,
            PdfTag.P => PdfBlockLevelElementTag.Paragraph,
            PdfTag.L => PdfBlockLevelElementTag.List,
            PdfTag.LI => PdfBlockLevelElementTag.ListItem,
            PdfTag.Lbl => PdfBlockLevelElementTag.Label,
            PdfTag.LBody => PdfBlockLevelElementTag.ListBody,
            PdfTag.Table => PdfBlockLevelElementTag.Table,
            PdfTag.THead => PdfBlockLevelElementTag.TableHeadRowGroup,
            PdfTag.TBody => PdfBlockLevelElementTag.TableBodyRowGroup,
            PdfTag.TR => PdfBlockLevelElementTag.TableRow,
            PdfTag.ColumnHeader or PdfTag.RowHeader => PdfBlockLevelElementTag.TableHeaderCell,
            PdfTag.TD => PdfBlockLevelElementTag.TableDataCell,
            _ => throw new ArgumentOutOfRangeException(nameof(tag), tag, "No structure type for this tag."),
        });
        if (tag is PdfTag.ColumnHeader or PdfTag.RowHeader)
            structure.CurrentStructureElement.TableAttributes.Elements.SetName("/Scope", tag == PdfTag.ColumnHeader ? "/Column" : "/Row");
    }

    /// <summary>The marking, running title and detail above the content; the footer note, "Page X of Y" and marking below.</summary>
    static void Furniture(XGraphics page, PdfTypesetter type, PdfRunningText running, int number, int total,
        StructureBuilder? structure, bool header)
    {
        structure?.BeginArtifact();
        var marking = type.Font(PdfStyles.MarkingText);
        var small = type.Font(PdfStyles.Small);
        var muted = new XSolidBrush(PdfStyles.Muted);
        var rule = new XPen(PdfStyles.Rule, 0.6);
        const double left = PdfLayout.MarginX;
        var right = left + PdfLayout.ContentWidth;
        if (header)
        {
            page.DrawString(PdfLayout.Marking, marking, new XSolidBrush(PdfStyles.Marking), new XRect(0, 20, PdfLayout.PageWidth, 12), XStringFormats.TopCenter);
            page.DrawString(Fit(type, running.Title, PdfStyles.Small, PdfLayout.ContentWidth * 0.62), small, muted, left, 40, XStringFormats.TopLeft);
            var detail = Fit(type, running.Detail, PdfStyles.Small, PdfLayout.ContentWidth * 0.36);
            page.DrawString(detail, small, muted, right - type.Width(PdfStyles.Small, detail), 40, XStringFormats.TopLeft);
            page.DrawLine(rule, left, 54, right, 54);
        }
        else
        {
            const double footerY = PdfLayout.PageHeight - 54;
            page.DrawLine(rule, left, footerY, right, footerY);
            page.DrawString(Fit(type, running.FooterNote, PdfStyles.Small, PdfLayout.ContentWidth * 0.7), small, muted, left, footerY + 5, XStringFormats.TopLeft);
            var pageText = $"Page {number} of {total}";
            page.DrawString(pageText, type.Font(PdfStyles.SmallBold), muted, right - type.Width(PdfStyles.SmallBold, pageText), footerY + 5, XStringFormats.TopLeft);
            page.DrawString(PdfLayout.Marking, marking, new XSolidBrush(PdfStyles.Marking), new XRect(0, PdfLayout.PageHeight - 32, PdfLayout.PageWidth, 12), XStringFormats.TopCenter);
        }
        structure?.End();
    }

    /// <summary>Running text is one line: shortened with an ellipsis rather than wrapped into the margin.</summary>
    static string Fit(PdfTypesetter type, string text, PdfStyle style, double width)
    {
        if (type.Width(style, text) <= width) return text;
        var cut = text;
        while (cut.Length > 1 && type.Width(style, cut + "…") > width) cut = cut[..^1];
        return cut.TrimEnd() + "…";
    }
}
