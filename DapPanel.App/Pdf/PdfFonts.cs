using PdfSharp.Fonts;

namespace DapPanel.App.Pdf;

/// <summary>The four faces of one sans-serif family on disk; bold and italic may be missing and simulated.</summary>
public sealed record FontFiles(string Family, string Regular, string? Bold, string? Italic, string? BoldItalic);

/// <summary>Finds a sans-serif family in a configured folder or the system's font folders.</summary>
public static class FontLocator
{
    // Debian's DejaVu first (fonts-dejavu-core), then the usual equivalents elsewhere.
    static readonly (string Family, string Regular, string Bold, string Italic, string BoldItalic)[] Families =
    [
        ("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
        ("Liberation Sans", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf",
            "LiberationSans-BoldItalic.ttf"),
        ("Arial", "arial.ttf", "arialbd.ttf", "ariali.ttf", "arialbi.ttf"),
    ];

    public static IReadOnlyList<string> SystemFolders()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var windows = Environment.GetFolderPath(Environment.SpecialFolder.Fonts);
        return new[]
        {
            "/usr/share/fonts", "/usr/local/share/fonts", Path.Combine(home, ".local/share/fonts"),
            Path.Combine(home, ".fonts"), "/Library/Fonts", "/System/Library/Fonts/Supplemental", windows,
        }.Where(f => !string.IsNullOrEmpty(f)).ToList();
    }

    /// <summary>The configured folder first, then the others; a clear error naming what was looked for if none holds a family.</summary>
    public static FontFiles Find(string? configuredFolder, IEnumerable<string> otherFolders)
    {
        var folders = (string.IsNullOrWhiteSpace(configuredFolder) ? [] : new[] { Path.GetFullPath(configuredFolder) })
            .Concat(otherFolders).ToList();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var family in Families)
            {
                var regular = FindFile(folder, family.Regular);
                if (regular is null) continue;
                var dir = Path.GetDirectoryName(regular)!;
                return new FontFiles(family.Family, regular, Beside(dir, family.Bold), Beside(dir, family.Italic),
                    Beside(dir, family.BoldItalic));
            }
        }
        throw new InvalidOperationException(
            "No font was found for PDF documents. Looked for "
            + string.Join(", ", Families.Select(f => $"{f.Family} ({f.Regular})"))
            + " in " + string.Join(", ", folders)
            + ". Install Debian's fonts-dejavu-core, or set Pdf:FontFolder in appsettings.json to a folder holding DejaVuSans.ttf.");
    }

    static string? Beside(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? path : null;
    }

    static string? FindFile(string folder, string file)
    {
        try
        {
            return Directory.EnumerateFiles(folder, file, new EnumerationOptions
            {
                RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive, IgnoreInaccessible = true,
            }).FirstOrDefault();
        }
        catch (IOException) { return null; }
    }
}

/// <summary>Serves one family for every name PDFsharp asks for; faces are read from disk once.</summary>
public sealed class DapPanelFontResolver(Func<FontFiles> locate) : IFontResolver
{
    readonly Lazy<FontFiles> files = new(locate);
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> faces = new();

    public FontFiles Files => files.Value;

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var f = files.Value;
        var (face, path) = (bold, italic) switch
        {
            (true, true) => ("bolditalic", f.BoldItalic),
            (true, false) => ("bold", f.Bold),
            (false, true) => ("italic", f.Italic),
            _ => ("regular", f.Regular),
        };
        return path is not null ? new FontResolverInfo(face) : new FontResolverInfo("regular", bold, italic);
    }

    public byte[] GetFont(string faceName) => faces.GetOrAdd(faceName, face =>
    {
        var f = files.Value;
        var path = face switch
        {
            "bold" => f.Bold,
            "italic" => f.Italic,
            "bolditalic" => f.BoldItalic,
            _ => f.Regular,
        } ?? f.Regular;
        return File.ReadAllBytes(path);
    });
}

/// <summary>PDFsharp's font resolver is process-wide and may be set only once: this sets it once.</summary>
public static class PdfFonts
{
    public const string Family = "DapPanel Sans";
    static readonly Lock Gate = new();

    public static DapPanelFontResolver Register(string? configuredFolder)
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is DapPanelFontResolver existing) return existing;
            var resolver = new DapPanelFontResolver(() => FontLocator.Find(configuredFolder, FontLocator.SystemFolders()));
            GlobalFontSettings.FontResolver = resolver;
            return resolver;
        }
    }
}
