using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace DapPanel.App.Pdf;

/// <summary>What the file's XMP metadata says about it; <see cref="Language"/> is set for tagged (PDF/UA-1) files.</summary>
public sealed record PdfFileFacts(string Title, string Subject, string Creator, string Producer, DateTime Created, string? Language);

/// <summary>
/// The last pass over a file PDFsharp wrote without compression. PDFsharp 6.2's Flate writer ends each stream
/// without the zlib checksum (qpdf warns, zlib refuses the data), and its XMP neither escapes the title nor
/// identifies PDF/UA. Here every unfiltered stream is compressed with .NET's complete zlib format, the XMP packet is
/// replaced (left uncompressed, as tools that read metadata expect) and the cross-reference table is rebuilt.
/// </summary>
public static class PdfFile
{
    static readonly byte[] StreamKeyword = "stream"u8.ToArray();

    public static byte[] Finish(byte[] plain, PdfFileFacts facts)
    {
        var xrefAt = StartXref(plain);
        var (entries, trailerAt) = ReadXref(plain, xrefAt);
        var trailerEnd = LastIndexOf(plain, "startxref"u8);
        var objects = entries.Where(e => e.InUse).OrderBy(e => e.Offset).ToList();
        if (objects.Count == 0) throw new InvalidOperationException("The PDF has no objects.");

        using var output = new MemoryStream(plain.Length);
        output.Write(plain, 0, (int)objects[0].Offset);
        var offsets = new Dictionary<int, long>();
        for (var i = 0; i < objects.Count; i++)
        {
            var start = (int)objects[i].Offset;
            var end = i + 1 < objects.Count ? (int)objects[i + 1].Offset : xrefAt;
            offsets[objects[i].Number] = output.Position;
            WriteObject(plain.AsSpan(start, end - start), output, facts);
        }

        var xref = output.Position;
        var table = new StringBuilder($"xref\n0 {entries.Count}\n");
        foreach (var e in entries)
            table.Append(e.InUse ? $"{offsets[e.Number]:D10} {e.Generation:D5} n\r\n" : $"{e.Offset:D10} {e.Generation:D5} f\r\n");
        output.Write(Encoding.ASCII.GetBytes(table.ToString()));
        output.Write(plain, trailerAt, trailerEnd - trailerAt);
        output.Write(Encoding.ASCII.GetBytes($"startxref\n{xref}\n%%EOF\n"));
        return output.ToArray();
    }

    static void WriteObject(ReadOnlySpan<byte> obj, Stream output, PdfFileFacts facts)
    {
        var dictAt = obj.IndexOf("obj"u8) + 3;
        while (dictAt < obj.Length && IsWhite(obj[dictAt])) dictAt++;
        if (!obj[dictAt..].StartsWith("<<"u8)) { output.Write(obj); return; }
        var dict = Dictionary.Read(obj, dictAt);
        var after = dict.End;
        while (after < obj.Length && IsWhite(obj[after])) after++;
        if (!obj[after..].StartsWith(StreamKeyword) || dict.Length is null || dict.HasFilter) { output.Write(obj); return; }

        var dataAt = after + StreamKeyword.Length;
        if (obj[dataAt] == '\r') dataAt++;
        if (obj[dataAt] == '\n') dataAt++;
        var data = obj.Slice(dataAt, dict.Length.Value);
        var rest = obj[(dataAt + data.Length)..];
        if (!rest.TrimStart("\r\n"u8).StartsWith("endstream"u8))
            throw new InvalidOperationException($"A stream's /Length does not end at endstream: {Encoding.ASCII.GetString(obj[..dictAt])}");

        var head = obj[..dictAt];
        byte[] body;
        string entries;
        if (dict.IsMetadata)
        {
            body = Encoding.UTF8.GetBytes(Xmp(facts));
            entries = $"/Type/Metadata/Subtype/XML/Length {body.Length}";
        }
        else
        {
            body = Compress(data);
            var text = Encoding.Latin1.GetString(obj[(dictAt + 2)..(dict.End - 2)]);
            entries = text[..dict.LengthKeyAt] + $"/Length {body.Length}/Filter/FlateDecode" + text[dict.LengthValueEnd..];
        }
        output.Write(head);
        output.Write(Encoding.Latin1.GetBytes($"<<{entries}>>\nstream\n"));
        output.Write(body);
        output.Write("\nendstream\nendobj\n"u8);
    }

    static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var compressed = new MemoryStream(data.Length / 2 + 64);
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(data);
        return compressed.ToArray();
    }

    static string Xmp(PdfFileFacts f)
    {
        static string X(string text) => SecurityElement.Escape(text);
        var created = f.Created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var language = f.Language is null ? "" : $"""

                   <dc:language><rdf:Bag><rdf:li>{X(f.Language)}</rdf:li></rdf:Bag></dc:language>
                   <pdfuaid:part>1</pdfuaid:part>
            """;
        return $"""
            <?xpacket begin="{'\uFEFF'}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
              <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
                   xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
                   <dc:format>application/pdf</dc:format>
                   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{X(f.Title)}</rdf:li></rdf:Alt></dc:title>
                   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{X(f.Subject)}</rdf:li></rdf:Alt></dc:description>{language}
                   <pdf:Producer>{X(f.Producer)}</pdf:Producer>
                   <xmp:CreatorTool>{X(f.Creator)}</xmp:CreatorTool>
                   <xmp:CreateDate>{created}</xmp:CreateDate>
                </rdf:Description>
              </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="r"?>
            """;
    }

    sealed record XrefEntry(int Number, long Offset, int Generation, bool InUse);

    static int StartXref(byte[] pdf)
    {
        var at = LastIndexOf(pdf, "startxref"u8) + "startxref".Length;
        while (IsWhite(pdf[at])) at++;
        var end = at;
        while (char.IsAsciiDigit((char)pdf[end])) end++;
        return int.Parse(pdf.AsSpan(at, end - at), CultureInfo.InvariantCulture);
    }

    /// <summary>The classic cross-reference table PDFsharp writes: one section from object 0, then the trailer.</summary>
    static (List<XrefEntry> Entries, int TrailerAt) ReadXref(byte[] pdf, int at)
    {
        var text = Encoding.ASCII.GetString(pdf, at, LastIndexOf(pdf, "trailer"u8) - at);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines[0] != "xref") throw new InvalidOperationException("The PDF has no classic cross-reference table.");
        var section = lines[1].Split(' ');
        if (section[0] != "0" || lines.Length - 2 != int.Parse(section[1], CultureInfo.InvariantCulture))
            throw new InvalidOperationException("The PDF's cross-reference table has more than one section.");
        var entries = lines.Skip(2).Select((line, n) =>
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new XrefEntry(n, long.Parse(parts[0], CultureInfo.InvariantCulture),
                int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2] == "n");
        }).ToList();
        return (entries, LastIndexOf(pdf, "trailer"u8));
    }

    static int LastIndexOf(byte[] pdf, ReadOnlySpan<byte> keyword) =>
        pdf.AsSpan().LastIndexOf(keyword) is var at and >= 0 ? at : throw new InvalidOperationException($"The PDF has no {Encoding.ASCII.GetString(keyword)}.");

    static bool IsWhite(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0 or 12;

    static bool IsDelimiter(byte b) => IsWhite(b) || b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'['
        or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    /// <summary>A stream's dictionary, read just far enough: where it ends, its /Length, whether it is filtered or XMP.</summary>
    readonly record struct Dictionary(int End, int? Length, int LengthKeyAt, int LengthValueEnd, bool HasFilter, bool IsMetadata)
    {
        public static Dictionary Read(ReadOnlySpan<byte> b, int at)
        {
            var i = at + 2;
            int depth = 1, arrays = 0;
            int? length = null;
            int lengthKeyAt = -1, lengthValueEnd = -1;
            bool hasFilter = false, isMetadata = false;
            string? previousName = null;
            while (depth > 0)
            {
                var c = b[i];
                if (IsWhite(c)) { i++; continue; }
                if (c == '<' && b[i + 1] == '<') { depth++; i += 2; continue; }
                if (c == '>' && b[i + 1] == '>') { depth--; i += 2; if (depth == 1) previousName = null; continue; }
                if (c == '(') { i = SkipString(b, i); if (depth == 1 && arrays == 0) previousName = null; continue; }
                if (c == '<') { i = b[i..].IndexOf((byte)'>') + i + 1; if (depth == 1 && arrays == 0) previousName = null; continue; }
                if (c == '[') { arrays++; i++; continue; }
                if (c == ']') { arrays--; i++; if (arrays == 0 && depth == 1) previousName = null; continue; }
                var start = i++;
                while (i < b.Length && !IsDelimiter(b[i])) i++;
                if (depth > 1 || arrays > 0) continue;
                var token = Encoding.ASCII.GetString(b[start..i]);
                if (token == "/Length" && previousName is null) lengthKeyAt = start - at - 2;
                if (previousName == "/Length" && int.TryParse(token, CultureInfo.InvariantCulture, out var n))
                {
                    length = n;
                    lengthValueEnd = i - at - 2;
                }
                if (token == "/Filter" && previousName is null) hasFilter = true;
                if (previousName == "/Type" && token == "/Metadata") isMetadata = true;
                // Keys and values alternate; a dictionary or array value resets the pairing when it closes.
                previousName = token.StartsWith('/') && previousName is null ? token : null;
            }
            return new Dictionary(i, length, lengthKeyAt, lengthValueEnd, hasFilter, isMetadata);
        }

        static int SkipString(ReadOnlySpan<byte> b, int i)
        {
            var nesting = 0;
            for (; ; i++)
            {
                if (b[i] == '\\') { i++; continue; }
                if (b[i] == '(') nesting++;
                else if (b[i] == ')' && --nesting == 0) return i + 1;
            }
        }
    }
}
