using System.Text.Json;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Insight;
using DapPanel.Core.Retention;
using DapPanel.Core.Security;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Audit;

/// <summary>The demo panel with a one-month retention period, so its recently closed cases are due for erasure.</summary>
public sealed class ShortRetentionServer : IAsyncLifetime
{
    public TestServer Server { get; } = new() { Configure = b => b.Configuration["Retention:ClosedCaseMonths"] = "1" };
    public Task InitializeAsync() => Server.InitializeAsync();
    public Task DisposeAsync() => Server.DisposeAsync();
}

public sealed class RetentionTests(ShortRetentionServer fixture) : IClassFixture<ShortRetentionServer>
{
    TestServer Server => fixture.Server;
    IRetentionService Retention => Server.Services.GetRequiredService<IRetentionService>();

    Task<Actor> Admin() => Server.DemoAsync("admin@dappanel.example", Role.Administrator);

    Task<Case> CaseAsync(string perpetrator) => Server.ReadAsync(db =>
        db.Cases.AsNoTracking().Include(c => c.VictimSurvivors).SingleAsync(c => c.Perpetrator.FullName == perpetrator));

    [Fact]
    public async Task Erasing_removes_personal_data_everywhere_and_keeps_insight_figures_the_same()
    {
        var admin = await Admin();
        var karl = await CaseAsync("Karl Yew");
        var victims = karl.VictimSurvivors.Select(v => v.FullName).ToList();
        Assert.NotEmpty(victims);
        // Karl's case was closed with a decision alone: give it a lever, an action and an agenda focus too, so that each
        // kind of text is shown to be erased.
        await Server.ReadAsync(async db =>
        {
            var item = await db.AgendaItems.FirstAsync(i => i.CaseId == karl.Id);
            var probation = await db.Agencies.Where(a => a.Kind == AgencyKind.Probation).Select(a => a.Id).SingleAsync();
            item.Focus = "What probation knows of Karl Yew";
            db.Levers.Add(new Lever
            {
                CaseId = karl.Id, MeetingId = item.MeetingId, AgencyId = probation, Family = LeverFamily.Engagement,
                Area = LeverArea.ProbationContact, Description = "Karl Yew reports weekly", OfferedAt = DateTimeOffset.UtcNow,
            });
            db.Actions.Add(new PanelAction
            {
                CaseId = karl.Id, AgendaItemId = item.Id, Description = "Visit Karl Yew with the IDVA", OwnerAgencyId = probation,
                DueOn = karl.ClosedOn!.Value, Status = ActionStatus.Done,
            });
            return await db.SaveChangesAsync();
        });
        var texts = await Server.ReadAsync(async db => new
        {
            Levers = await db.Levers.Where(l => l.CaseId == karl.Id).Select(l => l.Description).ToListAsync(),
            Rationales = await db.AgendaItems.Where(i => i.CaseId == karl.Id && i.Decision != null).Select(i => i.Decision!.Rationale).ToListAsync(),
        });
        var before = await InsightFiguresAsync();

        var due = await Retention.ReviewAsync(admin);
        var listed = Assert.Single(due.Due, c => c.CaseId == karl.Id);
        await Retention.EraseAsync(admin, karl.Id, listed.Version);

        await using var db = await Server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>().CreateDbContextAsync();
        var c = await db.Cases.AsNoTracking().Include(x => x.VictimSurvivors).SingleAsync(x => x.Id == karl.Id);
        var today = PanelTime.Today(TimeProvider.System);
        var marker = Case.ErasedText(today);
        Assert.Equal((today, marker, DateOnly.MinValue), (c.ErasedOn!.Value, c.Perpetrator.FullName, c.Perpetrator.DateOfBirth));
        Assert.Empty(c.Perpetrator.Aliases);
        Assert.Equal(marker, c.Summary);
        Assert.Null(c.OffendingHistory);
        Assert.Equal((karl.Reference, CaseStatus.Closed, karl.ClosedOn, karl.ClosureReason, karl.ChildrenCount, karl.RiskLevel),
            (c.Reference, c.Status, c.ClosedOn, c.ClosureReason, c.ChildrenCount, c.RiskLevel));
        Assert.Equal(victims.Count, c.VictimSurvivors.Count);
        Assert.All(c.VictimSurvivors, v =>
        {
            Assert.DoesNotContain(v.FullName, victims);
            Assert.StartsWith("Victim-survivor ", v.FullName);
            Assert.Null(v.Address);
            Assert.Null(v.Contact);
        });
        // Every kind of row is there to be erased, and each is erased.
        var levers = await db.Levers.Where(l => l.CaseId == karl.Id).Select(l => l.Description).ToListAsync();
        var rationales = await db.AgendaItems.Where(i => i.CaseId == karl.Id && i.Decision != null).Select(i => i.Decision!.Rationale).ToListAsync();
        var actions = await db.Actions.Where(a => a.CaseId == karl.Id).Select(a => a.Description).ToListAsync();
        var focuses = await db.AgendaItems.Where(i => i.CaseId == karl.Id && i.Focus != null).Select(i => i.Focus!).ToListAsync();
        foreach (var erased in new[] { levers, rationales, actions, focuses })
        {
            Assert.NotEmpty(erased);
            Assert.All(erased, text => Assert.Equal(marker, text));
        }
        Assert.NotEmpty(texts.Rationales);

        // The perpetrator's name is nowhere in the database's case text any more.
        var everything = string.Join("\n", (await db.Levers.Select(l => l.Description).ToListAsync())
            .Concat(await db.Decisions.Select(d => d.Rationale).ToListAsync())
            .Concat(await db.Cases.Select(x => x.Perpetrator.FullName).ToListAsync())
            .Concat(await db.VictimSurvivors.Where(v => v.CaseId == karl.Id).Select(v => v.FullName).ToListAsync()));
        Assert.DoesNotContain("Karl Yew", everything);

        Assert.Equal(before, await InsightFiguresAsync());

        var entry = await db.AuditEvents.OrderByDescending(e => e.Id).FirstAsync(e => e.CaseId == karl.Id);
        Assert.Equal((AuditAction.Erased, admin.UserId), (entry.Action, entry.UserId));
        Assert.Contains(karl.Reference, entry.Summary);
        Assert.DoesNotContain(karl.Id, (await Retention.ReviewAsync(admin)).Due.Select(d => d.CaseId));
        var again = await Assert.ThrowsAsync<DomainRuleException>(() => Retention.EraseAsync(admin, karl.Id, c.Version));
        Assert.Contains("already erased", again.Message);
    }

    [Fact]
    public async Task A_case_not_past_retention_cannot_be_erased_and_is_not_listed()
    {
        var admin = await Admin();
        var ian = await CaseAsync("Ian Chestnut"); // closed at the most recent but one meeting, under a month ago
        var open = await CaseAsync(DemoOpenCase);

        Assert.DoesNotContain(ian.Id, (await Retention.ReviewAsync(admin)).Due.Select(d => d.CaseId));
        var early = await Assert.ThrowsAsync<DomainRuleException>(() => Retention.EraseAsync(admin, ian.Id, ian.Version));
        Assert.Contains("kept until", early.Message);
        var notClosed = await Assert.ThrowsAsync<DomainRuleException>(() => Retention.EraseAsync(admin, open.Id, open.Version));
        Assert.Contains("only closed cases", notClosed.Message);
        Assert.Equal("Ian Chestnut", (await CaseAsync("Ian Chestnut")).Perpetrator.FullName);
    }

    [Theory]
    [InlineData("chair@dappanel.example", Role.Chair)]
    [InlineData("manager@dappanel.example", Role.Manager)]
    [InlineData("police@dappanel.example", Role.AgencyMember)]
    public async Task Only_administrators_review_and_erase(string email, Role role)
    {
        var someone = await Server.DemoAsync(email, role);
        var martin = await CaseAsync("Martin Holly");
        await Assert.ThrowsAsync<AccessDeniedException>(() => Retention.ReviewAsync(someone));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Retention.EraseAsync(someone, martin.Id, martin.Version));
        Assert.Null((await CaseAsync("Martin Holly")).ErasedOn);
    }

    const string DemoOpenCase = "Mark Hawthorn";

    async Task<string> InsightFiguresAsync()
    {
        var manager = await Server.DemoAsync("manager@dappanel.example", Role.Manager);
        var insight = Server.Services.GetRequiredService<IInsightQueries>();
        var panel = (await insight.PanelsAsync(manager)).Single();
        var today = PanelTime.Today(TimeProvider.System);
        var period = new InsightPeriod(panel.Id, today.AddYears(-10), today);
        return JsonSerializer.Serialize(new object[] { await insight.AttendanceAsync(manager, period), await insight.ThroughputAsync(manager, period) });
    }
}
