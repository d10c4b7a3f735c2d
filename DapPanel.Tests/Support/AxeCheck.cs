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
        var result = await page.RunAxe();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            var where = string.Join("; ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()));
            problems.Add($"{screen}: {violation.Id} ({violation.Impact}) {violation.Help} — {violation.Nodes.Length} element(s), e.g. {where}");
        }
    }

    /// <summary>Screenshots the page for a person to look at, then checks it with axe.</summary>
    public async Task LookAsync(IPage page, string screen)
    {
        await page.ScreenshotAsync(screen);
        await CheckAsync(page, screen);
    }

    public void AssertNone() =>
        Assert.True(problems.Count == 0,
            $"axe found {problems.Count} serious or critical violation(s):\n" + string.Join("\n", problems));
}
