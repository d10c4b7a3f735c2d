using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DapPanel.Tests.Audit;

public sealed class AuditSearchTests : IAsyncLifetime
{
    SqliteDatabase database = default!;
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    readonly Guid caseId = Guid.NewGuid(), meetingId = Guid.NewGuid();

    static Actor As(string name, params Role[] roles) =>
        new("user-" + name, Guid.NewGuid(), Guid.NewGuid(), name, roles.ToHashSet());

    readonly Actor admin = As("Jo Linnet", Role.Administrator);
    readonly Actor manager = As("Pat Heron", Role.Manager);
    readonly Actor chair = As("Sam Kestrel", Role.Chair);

    AuditSearch Search => new(database, new AuditLog(database, clock));

    public async Task InitializeAsync()
    {
        database = await SqliteDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        db.Cases.Add(new CaseBuilder().WithReference("DAPP-26-041").Build());
        var c = db.ChangeTracker.Entries<Case>().Single().Entity;
        c.Id = caseId;
        var log = new AuditLog(database, clock);
        // 130 entries over 130 hours: every tenth the chair's change of a decision on the case, at one meeting.
        for (var i = 0; i < 130; i++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            if (i % 10 == 0)
                log.Add(db, chair, AuditAction.Changed, $"Changed the decision on item {i}", caseId, meetingId, "Accept — \"Eligible\"", "Close — \"Completed\"");
            else
                log.Add(db, admin, AuditAction.ViewedCaseDetail, $"Viewed entry {i}");
        }
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Only_administrators_and_managers_search_or_export()
    {
        foreach (var refused in new[] { chair, As("Alex Swift", Role.AgencyMember) })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Search.SearchAsync(refused, new AuditQuery()));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Search.ExportAsync(refused, new AuditQuery()));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Search.OptionsAsync(refused));
        }
        Assert.NotEmpty((await Search.SearchAsync(admin, new AuditQuery())).Entries);
        Assert.NotEmpty((await Search.SearchAsync(manager, new AuditQuery())).Entries);
    }

    [Fact]
    public async Task Results_are_paged_newest_first()
    {
        var first = await Search.SearchAsync(manager, new AuditQuery());
        var third = await Search.SearchAsync(manager, new AuditQuery(), 3);

        Assert.Equal(AuditSearch.PageSize, first.Entries.Count);
        Assert.True(first.HasOlder);
        Assert.Equal("Viewed entry 129", first.Entries[0].Summary);
        Assert.Equal(first.Entries.OrderByDescending(e => e.At).Select(e => e.Id), first.Entries.Select(e => e.Id));
        Assert.Equal(30, third.Entries.Count);
        Assert.False(third.HasOlder);
        Assert.Equal("Changed the decision on item 0", third.Entries[^1].Summary);
    }

    [Fact]
    public async Task Search_by_person_case_meeting_kind_and_dates_with_before_and_after()
    {
        var byCase = await Search.SearchAsync(admin, new AuditQuery(CaseReference: " dapp-26-041 "));
        Assert.Equal(13, byCase.Entries.Count);
        var change = byCase.Entries[0];
        Assert.Equal(("DAPP-26-041", "Sam Kestrel", "Accept — \"Eligible\"", "Close — \"Completed\""),
            (change.CaseReference, change.ActorName, change.Before, change.After));
        // Managers oversee who did what; the words changed are case detail.
        var overseen = (await Search.SearchAsync(manager, new AuditQuery(CaseReference: "DAPP-26-041"))).Entries[0];
        Assert.Equal((AuditSearch.ChangeWithheld, AuditSearch.ChangeWithheld), (overseen.Before, overseen.After));

        Assert.Equal(13, (await Search.SearchAsync(manager, new AuditQuery(MeetingId: meetingId))).Entries.Count);
        Assert.Equal(13, (await Search.SearchAsync(manager, new AuditQuery(UserId: chair.UserId))).Entries.Count);
        Assert.Equal(13, (await Search.SearchAsync(manager, new AuditQuery(Action: AuditAction.Changed))).Entries.Count);
        Assert.Empty((await Search.SearchAsync(manager, new AuditQuery(UserId: admin.UserId, Action: AuditAction.Changed))).Entries);

        // The entries run from 10:00 on 1 Dec (UK time) for 130 hours: 2 December holds 24 of them.
        var day = await Search.SearchAsync(manager, new AuditQuery(From: new DateOnly(2026, 12, 2), To: new DateOnly(2026, 12, 2)));
        Assert.Equal(24, day.Entries.Count);
        Assert.All(day.Entries, e => Assert.Equal(new DateOnly(2026, 12, 2), DateOnly.FromDateTime(PanelTime.ToLocal(e.At).DateTime)));
    }

    [Fact]
    public async Task Bad_searches_are_explained()
    {
        var unknown = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Search.SearchAsync(manager, new AuditQuery(CaseReference: "DAPP-99-999")));
        Assert.Contains("No case has the reference \"DAPP-99-999\".", unknown.Problems);
        var backwards = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Search.SearchAsync(manager, new AuditQuery(From: new DateOnly(2026, 12, 3), To: new DateOnly(2026, 12, 2))));
        Assert.Contains("The end date is before the start date.", backwards.Problems);
    }

    [Fact]
    public async Task The_csv_export_holds_the_search_result_is_formula_safe_and_is_itself_audited()
    {
        var export = await Search.ExportAsync(admin, new AuditQuery(UserId: chair.UserId));

        var lines = export.Csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(14, lines.Length);
        Assert.StartsWith("When (UK time),Kind,Who,Case,Meeting,What,Before,After", lines[0]);
        Assert.Contains("DAPP-26-041", lines[1]);
        Assert.Contains("\"Accept — \"\"Eligible\"\"\"", lines[1]);

        await using var db = database.CreateDbContext();
        var entry = await db.AuditEvents.OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal((AuditAction.Exported, admin.UserId), (entry.Action, entry.UserId));
        Assert.Contains("Exported 13 audit entries as CSV", entry.Summary);
        var overseen = await Search.ExportAsync(manager, new AuditQuery(UserId: chair.UserId));
        Assert.DoesNotContain("Eligible", overseen.Csv);
    }
}
