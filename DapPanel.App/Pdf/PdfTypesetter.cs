using System.Globalization;
using System.Text;
using PdfSharp.Drawing;

namespace DapPanel.App.Pdf;

/// <summary>
/// Measures text and breaks it into lines at spaces. A word wider than the whole line breaks after its hyphens
/// ("Wojciechowska-" | "Kowalczyk"), and only a part still wider than the line is cut between characters, so names
/// and case references stay whole wherever they fit. Widths are cached per
/// document, since the same words and labels come back on every page.
/// </summary>
public sealed class PdfTypesetter : IDisposable
{
    readonly XGraphics measure = XGraphics.CreateMeasureContext(
        new XSize(PdfLayout.PageWidth, PdfLayout.PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
    readonly Dictionary<PdfStyle, XFont> fonts = [];
    readonly Dictionary<(XFont, string), double> widths = [];

    public XFont Font(PdfStyle style)
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

    public double Width(PdfStyle style, string text) => Width(Font(style), text);

    double Width(XFont font, string text)
    {
        if (!widths.TryGetValue((font, text), out var w))
            widths[(font, text)] = w = measure.MeasureString(text, font).Width;
        return w;
    }

    public List<string> Wrap(string text, PdfStyle style, double width)
    {
        var font = Font(style);
        var space = Width(font, " ");
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var hardLine in text.Replace("\r\n", "\n").Split('\n'))
        {
            var words = hardLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length == 0) { lines.Add(""); continue; }
            var currentWidth = 0.0;
            foreach (var word in words)
            {
                var w = Width(font, word);
                var gap = current.Length > 0 ? space : 0;
                if (current.Length > 0 && currentWidth + gap + w <= width)
                {
                    current.Append(' ').Append(word);
                    currentWidth += gap + w;
                    continue;
                }
                // A line that ends at a space keeps it, so text read back (or by a screen reader) keeps the words apart.
                if (current.Length > 0) { lines.Add(current.Append(' ').ToString()); current.Clear(); }
                if (w <= width) { current.Append(word); currentWidth = w; continue; }

                // Wider than a whole line: break after its hyphens, and cut only a part that is still too wide.
                foreach (var part in HyphenParts(word))
                {
                    var pw = Width(font, part);
                    if (current.Length > 0 && currentWidth + pw <= width)
                    {
                        current.Append(part);
                        currentWidth += pw;
                        continue;
                    }
                    if (current.Length > 0) { lines.Add(current.ToString()); current.Clear(); }
                    if (pw <= width) { current.Append(part); currentWidth = pw; continue; }
                    foreach (var piece in Cut(font, part, width))
                    {
                        if (current.Length > 0) lines.Add(current.ToString());
                        current.Clear().Append(piece);
                    }
                    currentWidth = Width(font, current.ToString());
                }
            }
            lines.Add(current.ToString());
            current.Clear();
        }
        return lines;
    }

    /// <summary>
    /// The widest word in the text, or with <paramref name="wholeWords"/> false the widest part between hyphens:
    /// what a column must hold for its text to break only at spaces (or hyphens).
    /// </summary>
    public double Widest(string? text, PdfStyle style, bool wholeWords)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        var font = Font(style);
        var widest = 0.0;
        foreach (var word in text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (wholeWords) widest = Math.Max(widest, Width(font, word));
            else foreach (var part in HyphenParts(word)) widest = Math.Max(widest, Width(font, part));
        }
        return widest;
    }

    /// <summary>A word split after each hyphen that joins two letters or digits; the hyphen stays with the first part.</summary>
    public static IEnumerable<string> HyphenParts(string word)
    {
        var start = 0;
        for (var i = 1; i < word.Length - 1; i++)
        {
            if (word[i] is not ('-' or '\u2010') || !char.IsLetterOrDigit(word[i - 1]) || !char.IsLetterOrDigit(word[i + 1])) continue;
            yield return word[start..(i + 1)];
            start = i + 1;
        }
        yield return start == 0 ? word : word[start..];
    }

    /// <summary>A word wider than the line, cut between characters (never inside one: accents and surrogates stay whole).</summary>
    IEnumerable<string> Cut(XFont font, string word, double width)
    {
        var piece = new StringBuilder();
        var used = 0.0;
        var characters = StringInfo.GetTextElementEnumerator(word);
        while (characters.MoveNext())
        {
            var character = characters.GetTextElement();
            var w = Width(font, character);
            if (piece.Length > 0 && used + w > width)
            {
                yield return piece.ToString();
                piece.Clear();
                used = 0;
            }
            piece.Append(character);
            used += w;
        }
        yield return piece.ToString();
    }

    public void Dispose() => measure.Dispose();
}
