using DapPanel.Core.Domain;
using DapPanel.Core.Evaluation;
using DapPanel.Core.Insight;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Evaluation;

/// <summary>The demo panel's two years have the evaluation's scale, so every figure has a real shape.</summary>
[Collection(DemoServerCollection.Name)]
public class EvaluationDemoTests(TestServer server)
{
    [Fact]
    public async Task Two_years_of_the_demo_panel_are_at_the_evaluation_s_scale()
    {
        var manager = await server.DemoAsync("manager@dappanel.example", Role.Manager);
        var evaluation = server.Services.GetRequiredService<IEvaluationQueries>();
        var panel = (await evaluation.PanelsAsync(manager)).Single();
        var today = PanelTime.Today(TimeProvider.System);

        var report = await evaluation.ReportAsync(manager, new InsightPeriod(panel.Id, today.AddYears(-2).AddDays(1), today));

        int Count(string table, string row) => (int)report.Tables.Single(t => t.Key == table).Rows.Single(r => r[0].Text == row)[1].Value!.Value;
        var scale = $"perpetrators {Count("cohort", "Perpetrators (cases accepted)")}, victims {Count("cohort", "Victim-survivors")}, "
            + $"CYP {Count("cohort", "Children and young people")}, interventions {Count("interventions-by-type", "Total")}, "
            + $"open {Count("cohort", "Cases open at the end of the period")}, closed {Count("cohort", "Cases closed in the period")}";
        Assert.False(report.IsEmpty);
        Assert.InRange(Count("cohort", "Perpetrators (cases accepted)"), 150, 190);
        Assert.InRange(Count("cohort", "Victim-survivors"), 175, 235);
        Assert.InRange(Count("cohort", "Children and young people"), 260, 350);
        Assert.InRange(Count("interventions-by-type", "Total"), 650, 950);
        Assert.InRange(Count("cohort", "Cases open at the end of the period"), 75, 115);
        Assert.InRange(Count("cohort", "Cases closed in the period"), 50, 130);
        // Every figure has something in it, and the abuse profile compares most closed cases' victim-survivors.
        Assert.All(report.Figures, f => Assert.Contains(f.Tables, t => t.Rows.Any(r => r.Skip(1).Any(c => c.Value > 0))));
        Assert.Contains("assessed at both intake and exit", report.Tables.Single(t => t.Key == "abuse-profile-all").Note);
        Assert.True(report.SmallNumbersSuppressed, scale);
    }

    [Fact]
    public async Task The_demo_records_what_the_evaluation_reads()
    {
        var counts = await server.ReadAsync(async db => (
            Intakes: await db.CaseIntakes.CountAsync(),
            Needs: await db.ReviewUpdates.CountAsync(u => u.Needs != null),
            Area: await db.AreaPopulationShares.SumAsync(s => s.Percent),
            Managers: await db.Cases.CountAsync(c => c.CaseManagerPersonId != null)));

        Assert.True(counts.Intakes > 100, $"{counts.Intakes} intake records");
        Assert.True(counts.Needs > 100, $"{counts.Needs} updates with needs");
        Assert.Equal(100m, counts.Area);
        Assert.True(counts.Managers > 100);
    }
}
