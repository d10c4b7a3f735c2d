using Microsoft.Playwright;

namespace DapPanel.Tests.Support;

/// <summary>What a person sees without scrolling, and a page that fits its window's width.</summary>
public static class LayoutChecks
{
    /// <summary>The element is shown and lies within the first screen (the viewport before any scrolling).</summary>
    public static async Task AssertOnFirstScreenAsync(IPage page, ILocator element, string what)
    {
        await element.First.WaitForAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var box = await element.First.BoundingBoxAsync();
        var height = page.ViewportSize!.Height;
        Assert.True(box is not null && box.Y >= 0 && box.Y + Math.Min(box.Height, 40) <= height,
            $"{what} should be on the first screen ({page.ViewportSize.Width}×{height}) but is at {box?.Y}–{box?.Y + box?.Height}.");
    }

    /// <summary>No horizontal scrolling of the page, and exactly one h1.</summary>
    public static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} scrolls sideways by {overflow} px at {page.ViewportSize!.Width} wide.");
        Assert.Equal(1, await page.Locator("h1").CountAsync());
    }
}
