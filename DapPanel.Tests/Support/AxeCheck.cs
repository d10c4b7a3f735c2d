using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DapPanel.Tests.Support;

/// <summary>
/// Runs axe on each screen a test visits and keeps the serious and critical violations (WCAG 2.2 AA and best practice),
/// so one run reports every screen's problems at once, each with its rule ids.
/// </summary>
public sealed class AxeCheck
{
    readonly List<string> problems = [];

    public IReadOnlyList<string> Problems => problems;

    public async Task CheckAsync(IPage page, string screen)
    {
        await AnimationsFinishedAsync(page);
        var result = await page.RunAxe();
        // A snackbar that arrived while axe ran was measured mid-fade: look again once its fade has finished.
        if (Serious(result).Any(v => v.Nodes.Any(n => n.Target?.ToString()?.Contains("mud-snackbar") == true)))
        {
            await AnimationsFinishedAsync(page);
            result = await page.RunAxe();
        }
        foreach (var violation in Serious(result))
        {
            var where = string.Join("; ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()));
            problems.Add($"{screen}: {violation.Id} ({violation.Impact}) {violation.Help} — {violation.Nodes.Length} element(s), e.g. {where}");
        }
    }

    static IEnumerable<Deque.AxeCore.Commons.AxeResultItem> Serious(Deque.AxeCore.Commons.AxeResult result) =>
        result.Violations.Where(v => v.Impact is "serious" or "critical");

    /// <summary>Screenshots the page for a person to look at, then checks it with axe.</summary>
    public async Task LookAsync(IPage page, string screen)
    {
        await AnimationsFinishedAsync(page);
        await page.ScreenshotAsync(screen);
        await CheckAsync(page, screen);
    }

    /// <summary>
    /// Waits for fades in progress (a snackbar appearing, a dialog opening) so axe measures the colours a person reads,
    /// not a frame half-way through the fade. Endless animations such as spinners are left running.
    /// </summary>
    static Task AnimationsFinishedAsync(IPage page) => page.EvaluateAsync(
        "() => Promise.all(document.getAnimations().filter(a => a.effect?.getComputedTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))");

    public void AssertNone() =>
        Assert.True(problems.Count == 0,
            $"axe found {problems.Count} serious or critical violation(s):\n" + string.Join("\n", problems));
}
