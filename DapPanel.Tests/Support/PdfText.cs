using UglyToad.PdfPig;

namespace DapPanel.Tests.Support;

/// <summary>
/// A PDF read back with PdfPig. <see cref="Pages"/> is each whole page; <see cref="Words"/> is the body text in reading
/// order without the header and footer bands, so text that runs over a page break reads on.
/// </summary>
public sealed record PdfText(IReadOnlyList<string> Pages, IReadOnlyList<string> Words)
{
    const double Band = 56; // points at the top and bottom of the page that hold the marking and numbering

    public static PdfText Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var pages = new List<string>();
        var words = new List<string>();
        foreach (var page in document.GetPages())
        {
            var all = page.GetWords().ToList();
            pages.Add(string.Join(' ', all.Select(w => w.Text)));
            var body = all.Where(w => w.BoundingBox.Bottom > Band && w.BoundingBox.Top < page.Height - Band).ToList();
            for (var i = 0; i < body.Count; i++)
            {
                // A word broken after its hyphen at a line's end ("victim-" | "survivor") reads as one word again.
                var text = body[i].Text;
                while (i + 1 < body.Count && EndsInBreakHyphen(text) && body[i + 1].BoundingBox.Top < body[i].BoundingBox.Bottom)
                    text += body[++i].Text;
                words.Add(text);
            }
        }
        return new PdfText(pages, words);
    }

    public string All => string.Join(' ', Words);

    static bool EndsInBreakHyphen(string word) => word.Length > 1 && word[^1] == '-' && char.IsLetterOrDigit(word[^2]);

    /// <summary>
    /// Where the text's words start, read in order from <paramref name="from"/>. Words wrapped inside a table cell
    /// interleave with the next cells' words, so up to <paramref name="gap"/> other words may come between.
    /// </summary>
    public int Find(string text, int from = 0, int gap = 0)
    {
        var wanted = Split(text);
        for (var start = Math.Max(0, from); start < Words.Count; start++)
        {
            if (Words[start] != wanted[0]) continue;
            int at = start, i = 1;
            for (; i < wanted.Length; i++)
            {
                var next = -1;
                for (var k = at + 1; k < Words.Count && k <= at + 1 + gap; k++)
                    if (Words[k] == wanted[i]) { next = k; break; }
                if (next < 0) break;
                at = next;
            }
            if (i == wanted.Length) return start;
        }
        return -1;
    }

    public bool Contains(string text, int gap = 0) => Find(text, 0, gap) >= 0;

    static string[] Split(string text) =>
        text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Saves the PDF beside the tests for a person to look at (pdftoppm -png -r 60).</summary>
    public static string Save(byte[] pdf, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "pdfs");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }
}
