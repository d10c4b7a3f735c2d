using System.Diagnostics;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace DapPanel.Tests.Support;

/// <summary>
/// A PDF checked as an archive or a screen reader would take it: Debian's qpdf for validity, poppler's pdfinfo for
/// tagging, metadata and the structure tree. Missing tools fail the test (scripts/test.sh installs them); never a skip.
/// </summary>
public static class PdfChecks
{
    /// <summary>qpdf --check exits 0 and warns of nothing (a stream without its zlib end is a warning).</summary>
    public static void AssertValid(byte[] pdf)
    {
        var (exit, output) = Run("qpdf", "--check", pdf);
        Assert.True(exit == 0 && !output.Contains("WARNING", StringComparison.OrdinalIgnoreCase),
            $"qpdf --check exited {exit}:\n{output}");
    }

    /// <summary>pdfinfo's fields ("Tagged", "Title", "Pages", ...).</summary>
    public static IReadOnlyDictionary<string, string> Info(byte[] pdf)
    {
        var (exit, output) = Run("pdfinfo", null, pdf);
        Assert.True(exit == 0, $"pdfinfo exited {exit}:\n{output}");
        return output.Split('\n').Where(l => l.Contains(':')).Select(l => l.Split(':', 2))
            .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
    }

    public static string Metadata(byte[] pdf) => Run("pdfinfo", "-meta", pdf).Output;

    /// <summary>The document's language from its catalog (/Lang), read with PdfPig.</summary>
    public static string? Language(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Lang, out var lang) && lang is StringToken text
            ? text.Data : null;
    }

    /// <summary>The alternative text of every Figure structure element, in the order qpdf lists their objects.</summary>
    public static List<string> FigureAltTexts(byte[] pdf)
    {
        var (exit, output) = Run("qpdf", "--json=2", pdf);
        Assert.True(exit == 0, $"qpdf --json exited {exit}:\n{output}");
        using var json = System.Text.Json.JsonDocument.Parse(output);
        return json.RootElement.GetProperty("qpdf")[1].EnumerateObject().Where(o => o.Name.StartsWith("obj:", StringComparison.Ordinal))
            .Select(o => (Id: int.Parse(o.Name.Split(':', ' ')[1]), Value: o.Value.TryGetProperty("value", out var v) ? v : default))
            .Where(o => o.Value.ValueKind == System.Text.Json.JsonValueKind.Object
                && o.Value.TryGetProperty("/S", out var s) && s.GetString() == "/Figure")
            .OrderBy(o => o.Id)
            .Select(o => o.Value.TryGetProperty("/Alt", out var alt) ? alt.GetString()![2..] : "")
            .ToList();
    }

    /// <summary>The structure tree as poppler reads it (pdfinfo -struct-text).</summary>
    public static PdfStructureNode Structure(byte[] pdf)
    {
        var (exit, output) = Run("pdfinfo", "-struct-text", pdf);
        Assert.True(exit == 0, $"pdfinfo -struct-text exited {exit}:\n{output}");
        return PdfStructureNode.Parse(output);
    }

    /// <summary>
    /// Tagged, titled and in en-GB, identified as PDF/UA-1; headings from one H1 down without skipping a level;
    /// every table with header cells: a column header per column (then rows as wide), or a row header per row;
    /// nothing from the running header and footer (artifacts) in the structure.
    /// </summary>
    public static PdfStructureNode AssertAccessible(byte[] pdf, string title)
    {
        var info = Info(pdf);
        Assert.Equal("yes", info["Tagged"]);
        Assert.Equal(title, info["Title"]);
        Assert.Equal("en-GB", Language(pdf));
        Assert.Contains("<pdfuaid:part>1</pdfuaid:part>", Metadata(pdf));
        Assert.Contains(System.Security.SecurityElement.Escape(title), Metadata(pdf));

        var root = Structure(pdf);
        Assert.Equal("Document", root.Type);
        var headings = root.Headings().ToList();
        Assert.Equal("H1", Assert.Single(headings, h => h.Type == "H1").Type);
        Assert.Equal("H1", headings[0].Type);
        for (var i = 1; i < headings.Count; i++)
            Assert.True(headings[i].Level <= headings[i - 1].Level + 1,
                $"Heading \"{headings[i].Text}\" ({headings[i].Type}) skips a level after \"{headings[i - 1].Text}\" ({headings[i - 1].Type})");
        foreach (var table in root.All().Where(n => n.Type == "Table"))
        {
            var head = table.Children.FirstOrDefault(c => c.Type == "THead");
            var body = Assert.Single(table.Children, c => c.Type == "TBody");
            Assert.NotEmpty(body.Children);
            if (head is not null)
            {
                var headers = Assert.Single(head.Children).Children;
                Assert.All(headers, th => Assert.Equal(("TH", "/Column"), (th.Type, th.Attribute("/Scope"))));
                Assert.All(body.Children, tr => Assert.Equal(headers.Count, tr.Children.Count));
            }
            else Assert.All(body.Children, tr => Assert.Equal(("TH", "/Row"), (tr.Children[0].Type, tr.Children[0].Attribute("/Scope"))));
        }
        var text = root.AllText();
        Assert.DoesNotContain("OFFICIAL-SENSITIVE", text);
        Assert.DoesNotContain("Page 1 of", text);
        return root;
    }

    static (int Exit, string Output) Run(string tool, string? option, byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"dappanel-check-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            if (option is not null) start.ArgumentList.Add(option);
            start.ArgumentList.Add(file);
            Process process;
            try { process = Process.Start(start)!; }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException(
                    $"PDF checks need Debian's {tool} (packages qpdf and poppler-utils). Run scripts/test.sh, which installs them.");
            }
            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                process.WaitForExit();
                return (process.ExitCode, stdout.Result + stderr.Result);
            }
        }
        finally { File.Delete(file); }
    }
}

/// <summary>One structure element as pdfinfo -struct-text prints it: its type, attributes, text and children.</summary>
public sealed class PdfStructureNode(string type)
{
    public string Type { get; } = type;
    public List<PdfStructureNode> Children { get; } = [];
    public Dictionary<string, string> Attributes { get; } = [];
    public List<string> Texts { get; } = [];

    public string Text => string.Concat(Texts).Trim();
    public int Level => Type is ['H', var digit] && char.IsAsciiDigit(digit) ? digit - '0' : 0;
    public string? Attribute(string name) => Attributes.GetValueOrDefault(name);

    public IEnumerable<PdfStructureNode> All() => Children.SelectMany(c => c.All()).Prepend(this);
    public IEnumerable<PdfStructureNode> Headings() => All().Where(n => n.Level > 0);
    public string AllText() => string.Join(" ", All().Select(n => string.Concat(n.Texts)));

    /// <summary>The element's text with its descendants' (a caption's paragraph, a list item's body).</summary>
    public string DeepText => string.Concat(All().SelectMany(n => n.Texts)).Trim();

    public static PdfStructureNode Parse(string structText)
    {
        var root = new PdfStructureNode("(root)");
        var stack = new List<(int Indent, PdfStructureNode Node)> { (-1, root) };
        foreach (var raw in structText.Split('\n'))
        {
            if (raw.Trim().Length == 0) continue;
            var indent = raw.Length - raw.TrimStart().Length;
            var line = raw.Trim();
            while (stack[^1].Indent >= indent && !(line.StartsWith('"') || line.StartsWith('/'))) stack.RemoveAt(stack.Count - 1);
            var current = stack[^1].Node;
            if (line.StartsWith('"')) current.Texts.Add(line[1..^1]);
            else if (line.StartsWith('/'))
            {
                var parts = line.Split(' ', 2);
                current.Attributes[parts[0]] = parts.Length > 1 ? parts[1] : "";
            }
            else
            {
                var node = new PdfStructureNode(line.Split(' ')[0].TrimEnd(':'));
                current.Children.Add(node);
                stack.Add((indent, node));
            }
        }
        return Assert.Single(root.Children);
    }
}
