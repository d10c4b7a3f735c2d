using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.Hosting;

/// <summary>
/// What every page loads. MudBlazor's stylesheet and script come from the app's own wwwroot
/// (scripts/refresh-mudblazor-assets.sh), so they are compressed like the app's files; the stylesheet is without the
/// two rules that match every element with :has(): with them, a lever row added in the live room restyles every
/// ancestor of the row in every open browser. Scripts are fingerprinted, so a browser keeps them.
/// </summary>
[Collection(DemoServerCollection.Name)]
public partial class PageAssetsTests(TestServer server)
{
    static readonly string[] RulesLeftOut =
    [
        ":not(.mud-ripple):has(>.mud-ripple-effect){overflow:hidden}",
        ":where(:not(.mud-ripple):has(>.mud-ripple-effect)){position:relative}",
    ];

    [Fact]
    public void The_copy_is_the_packages_stylesheet_without_the_rules_that_match_every_element()
    {
        var shipped = File.ReadAllText(Path.Combine(PackageAssetsFolder(), "MudBlazor.min.css"));
        var copy = File.ReadAllText(Path.Combine(RepositoryRoot(), "DapPanel.App", "wwwroot", "lib", "mudblazor", "MudBlazor.min.css"));

        Assert.All(RulesLeftOut, rule => Assert.Contains(rule, shipped));
        var expected = RulesLeftOut.Aggregate(shipped, (css, rule) => css.Replace(rule, ""));
        Assert.True(expected == copy, "The copy of MudBlazor's stylesheet does not match the package: run scripts/refresh-mudblazor-assets.sh.");
    }

    [Fact]
    public void The_copy_of_the_script_is_the_packages_without_its_source_map_comment()
    {
        var shipped = File.ReadAllText(Path.Combine(PackageAssetsFolder(), "MudBlazor.min.js"));
        var copy = File.ReadAllText(Path.Combine(RepositoryRoot(), "DapPanel.App", "wwwroot", "lib", "mudblazor", "MudBlazor.min.js"));

        const string sourceMap = "//# sourceMappingURL=MudBlazor.min.js.map";
        Assert.EndsWith(sourceMap, shipped.TrimEnd());
        Assert.True(shipped.TrimEnd()[..^sourceMap.Length] == copy, "The copy of MudBlazor's script does not match the package: run scripts/refresh-mudblazor-assets.sh.");
    }

    [Fact]
    public async Task MudBlazors_stylesheet_and_script_are_the_copies_and_go_out_compressed()
    {
        using var client = server.CreateClient();
        var page = await client.GetStringAsync("/account/login");
        Assert.DoesNotContain("_content/MudBlazor/", page);

        foreach (var link in new[] { StylesheetLink(), MudBlazorScript() })
        {
            var match = link.Match(page);
            Assert.True(match.Success, $"The page does not load the copy matching {link}.");
            using var request = new HttpRequestMessage(HttpMethod.Get, match.Groups["asset"].Value) { Headers = { { "Accept-Encoding", "br, gzip" } } };
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Content.Headers.ContentEncoding.Count > 0, $"{match.Groups["asset"].Value} was sent uncompressed.");
        }
    }

    [Fact]
    public async Task Pages_link_the_copy_and_it_is_served_without_those_rules()
    {
        var (page, css) = await LinkedAssetAsync(StylesheetLink(), "text/css", "The page links no copy of MudBlazor's stylesheet.");

        Assert.DoesNotContain("_content/MudBlazor/MudBlazor.min.css", page);
        Assert.Contains(".mud-ripple{position:relative;overflow:hidden}", css);
        Assert.DoesNotContain(":has(>.mud-ripple-effect)", css);
    }

    [Fact]
    public async Task The_framework_script_is_fingerprinted_so_browsers_keep_it_until_it_changes()
    {
        var (_, script) = await LinkedAssetAsync(FrameworkScript(), "text/javascript", "The page loads the framework script without a fingerprint.");

        Assert.Contains("Blazor", script);
    }

    [Fact]
    public async Task Blazor_starts_without_asking_for_initializers_because_there_are_none()
    {
        // blazor-start.js tells Blazor there are no JavaScript initializers; if a package brings one, start it there.
        using var client = server.CreateClient();
        var initializers = await client.GetStringAsync("/_blazor/initializers");
        Assert.Equal("[]", initializers.Trim());

        var (page, script) = await LinkedAssetAsync(StartScript(), "text/javascript", "The page does not start Blazor itself.");
        Assert.True(page.IndexOf("blazor-start", StringComparison.Ordinal) > FrameworkScript().Match(page).Index,
            "The page starts Blazor before loading it.");
        Assert.Contains("initializers: { beforeStart: [], afterStarted: [] }", script);
    }

    /// <summary>The sign-in page, and the asset it links where the pattern's "asset" group says, served as the given type.</summary>
    async Task<(string Page, string Asset)> LinkedAssetAsync(Regex link, string mediaType, string missing)
    {
        using var client = server.CreateClient();
        var page = await client.GetStringAsync("/account/login");
        var match = link.Match(page);
        Assert.True(match.Success, missing);

        var response = await client.GetAsync(match.Groups["asset"].Value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return (page, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The restored MudBlazor package's own assets folder, as the build recorded it for the app.</summary>
    static string PackageAssetsFolder()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DapPanel.App.staticwebassets.runtime.json")));
        var version = typeof(MudBlazor.MudButton).Assembly.GetName().Version!;
        return manifest.RootElement.GetProperty("ContentRoots").EnumerateArray().Select(root => root.GetString()!)
            .Single(root => root.Replace('\\', '/').Contains($"/mudblazor/{version.Major}.{version.Minor}.{version.Build}/staticwebassets"));
    }

    static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "DapPanel.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("The tests run from inside the repository.");
    }

    [GeneratedRegex("""<link href="(?<asset>/?lib/mudblazor/MudBlazor\.min(\.[a-z0-9]+)?\.css)" rel="stylesheet" """)]
    private static partial Regex StylesheetLink();

    [GeneratedRegex("""<script src="(?<asset>/?lib/mudblazor/MudBlazor\.min\.[a-z0-9]+\.js)"></script>""")]
    private static partial Regex MudBlazorScript();

    [GeneratedRegex("""<script src="(?<asset>/?_framework/blazor\.web\.[a-z0-9]+\.js)" autostart="false"></script>""")]
    private static partial Regex FrameworkScript();

    [GeneratedRegex("""<script src="(?<asset>/?blazor-start\.[a-z0-9]+\.js)"></script>""")]
    private static partial Regex StartScript();
}
