using PdfSharp.Drawing;

namespace DapPanel.App.Pdf;

/// <summary>What a structure element is to a screen reader; the names are PDF's standard structure types.</summary>
public enum PdfTag
{
    H1, H2, H3, P, Div, L, LI, Lbl, LBody, Table, Caption, THead, TBody, TR,
    /// <summary>A header cell for its column.</summary>
    ColumnHeader,
    /// <summary>A header cell for its row (the label of a label and value pair).</summary>
    RowHeader,
    TD,
    /// <summary>An illustration (a chart) with alternative text.</summary>
    Figure,
}

public enum PdfDrawKind { Text, Line, Rectangle, Begin, End, NextPage }

/// <summary>
/// One step of a laid-out document, replayed by <see cref="PdfPainter"/>: text and shapes in page coordinates (points,
/// from the top left), structure elements opening and closing around them, and page breaks. Shapes, and text marked
/// <see cref="Artifact"/> (a table header repeated on a new page), are decoration a screen reader skips.
/// </summary>
public readonly record struct PdfDraw(
    PdfDrawKind Kind, double X = 0, double Y = 0, double Width = 0, double Height = 0,
    string? Text = null, PdfStyle? Style = null, XColor Colour = default, double Thickness = 0, PdfTag Tag = default,
    bool Artifact = false)
{
    public static PdfDraw String(string text, PdfStyle style, double x, double y, bool artifact = false) =>
        new(PdfDrawKind.Text, x, y, Text: text, Style: style, Artifact: artifact);

    /// <summary>A line from (x, y) to (x + width, y + height) with a pen of <paramref name="thickness"/>.</summary>
    public static PdfDraw Line(XColor colour, double thickness, double x, double y, double width, double height = 0) =>
        new(PdfDrawKind.Line, x, y, width, height, Colour: colour, Thickness: thickness, Artifact: true);

    public static PdfDraw Rectangle(XColor fill, double x, double y, double width, double height) =>
        new(PdfDrawKind.Rectangle, x, y, width, height, Colour: fill, Artifact: true);

    public static PdfDraw Begin(PdfTag tag) => new(PdfDrawKind.Begin, Tag: tag);

    /// <summary>Opens a figure: its alternative text and the box it occupies on the page.</summary>
    public static PdfDraw Figure(string altText, double x, double y, double width, double height) =>
        new(PdfDrawKind.Begin, x, y, width, height, Text: altText, Tag: PdfTag.Figure);
    public static readonly PdfDraw End = new(PdfDrawKind.End);
    public static readonly PdfDraw NextPage = new(PdfDrawKind.NextPage);
}
