using PdfSharp.Drawing;

namespace DapPanel.App.Pdf;

/// <summary>How a run of text looks: size in points, weight, slant and colour.</summary>
public sealed record PdfStyle(double Size, bool Bold = false, bool Italic = false, XColor? Colour = null)
{
    public double LineHeight => Math.Round(Size * 1.32, 2);
    public XColor Ink => Colour ?? PdfStyles.Ink;
}

/// <summary>One palette and type scale so every document reads alike.</summary>
public static class PdfStyles
{
    public static readonly XColor Ink = XColor.FromArgb(0x1E, 0x23, 0x2B);
    public static readonly XColor Muted = XColor.FromArgb(0x5B, 0x64, 0x70);
    public static readonly XColor Accent = XColor.FromArgb(0x1F, 0x3A, 0x5F);
    public static readonly XColor Marking = XColor.FromArgb(0xA3, 0x1D, 0x1D);
    public static readonly XColor Rule = XColor.FromArgb(0xC4, 0xCB, 0xD3);
    public static readonly XColor HeaderFill = XColor.FromArgb(0xE3, 0xE9, 0xF1);
    public static readonly XColor CalloutFill = XColor.FromArgb(0xF3, 0xF6, 0xF9);

    public static readonly PdfStyle Title = new(18, Bold: true, Colour: Accent);
    public static readonly PdfStyle Heading1 = new(13.5, Bold: true, Colour: Accent);
    public static readonly PdfStyle Heading2 = new(11, Bold: true, Colour: Ink);
    public static readonly PdfStyle Body = new(9.5);
    public static readonly PdfStyle BodyBold = new(9.5, Bold: true);
    public static readonly PdfStyle Small = new(8, Colour: Muted);
    public static readonly PdfStyle SmallBold = new(8, Bold: true, Colour: Muted);
    public static readonly PdfStyle TableText = new(8.5);
    public static readonly PdfStyle TableHeader = new(8.5, Bold: true, Colour: Accent);
    public static readonly PdfStyle MarkingText = new(9, Bold: true, Colour: Marking);
    public static readonly PdfStyle Warning = new(9.5, Bold: true, Colour: Marking);
}
