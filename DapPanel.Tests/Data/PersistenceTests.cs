using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.Data;

/// <summary>The model's rules as each database enforces them: SQLite for one machine, PostgreSQL for many.</summary>
public abstract class PersistenceTests
{
    protected abstract Task<ITestDatabase> CreateDatabaseAsync();

    static async Task<(Guid MeetingId, Guid ItemId, Guid CaseId)> SeedMeetingWithCaseAsync(ITestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var agency = new Agency { Name = "Probation", Kind = AgencyKind.Probation };
        var panel = new Panel { Name = "Test DAPP", Area = "Test borough" };
        var c = new CaseBuilder().Named("Round Trip").WithAlias("R. Trip").WithVictim("Victim One", "1 Example Road", "07700 900000").Build();
        var meeting = new Meeting { PanelId = panel.Id, StartsAt = new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero) };
        var item = new AgendaItem { MeetingId = meeting.Id, CaseId = c.Id, Kind = AgendaItemKind.NewReferral, Order = 1 };
        meeting.AgendaItems.Add(item);
        db.AddRange(agency, panel, c, meeting);
        db.Levers.Add(new Lever
        {
            CaseId = c.Id, MeetingId = meeting.Id, AgencyId = agency.Id, Family = LeverFamily.Engagement,
            Area = LeverArea.ProbationContact, Description = "On licence", OfferedAt = meeting.StartsAt,
        });
        await db.SaveChangesAsync();
        return (meeting.Id, item.Id, c.Id);
    }

    [Fact]
    public async Task A_case_with_victims_aliases_and_levers_survives_a_round_trip()
    {
        await using var database = await CreateDatabaseAsync();
        var (meetingId, _, caseId) = await SeedMeetingWithCaseAsync(database);

        await using var db = database.CreateDbContext();
        var c = await db.Cases.Include(x => x.VictimSurvivors).SingleAsync(x => x.Id == caseId);
        Assert.Equal("Round Trip", c.Perpetrator.FullName);
        Assert.Equal(["R. Trip"], c.Perpetrator.Aliases);
        Assert.Equal(new DateOnly(1985, 4, 12), c.Perpetrator.DateOfBirth);
        var victim = Assert.Single(c.VictimSurvivors);
        Assert.Equal("1 Example Road", victim.Address);
        var meeting = await db.Meetings.Include(m => m.AgendaItems).SingleAsync(m => m.Id == meetingId);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero), meeting.StartsAt);
        Assert.Single(meeting.AgendaItems);
        Assert.Equal(LeverArea.ProbationContact, (await db.Levers.SingleAsync()).Area);
        var later = await db.Meetings.Where(m => m.StartsAt > new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)).CountAsync();
        Assert.Equal(1, later);
    }

    [Fact]
    public async Task A_second_save_from_a_stale_copy_is_refused_not_silently_overwritten()
    {
        await using var database = await CreateDatabaseAsync();
        var (_, _, caseId) = await SeedMeetingWithCaseAsync(database);

        await using var first = database.CreateDbContext();
        await using var second = database.CreateDbContext();
        var a = await first.Cases.SingleAsync(c => c.Id == caseId);
        var b = await second.Cases.SingleAsync(c => c.Id == caseId);
        var versionBefore = a.Version;

        a.Summary = "First writer";
        await first.SaveChangesAsync();
        Assert.NotEqual(versionBefore, a.Version);

        b.Summary = "Second writer";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = database.CreateDbContext();
        Assert.Equal("First writer", (await check.Cases.SingleAsync(c => c.Id == caseId)).Summary);
    }

    [Fact]
    public async Task An_agenda_item_holds_at_most_one_decision()
    {
        await using var database = await CreateDatabaseAsync();
        var (_, itemId, _) = await SeedMeetingWithCaseAsync(database);

        await using var db = database.CreateDbContext();
        db.Decisions.Add(new Decision { AgendaItemId = itemId, Outcome = DecisionOutcome.Accept, Rationale = "Eligible" });
        await db.SaveChangesAsync();
        db.Decisions.Add(new Decision { AgendaItemId = itemId, Outcome = DecisionOutcome.Review, Rationale = "Again" });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_decision_cannot_exist_without_its_agenda_item()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = database.CreateDbContext();
        db.Decisions.Add(new Decision { AgendaItemId = Guid.NewGuid(), Outcome = DecisionOutcome.Accept, Rationale = "Orphan" });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    // A model change without its migration would reach production as a schema the code does not match.
    [Fact]
    public async Task The_model_has_no_change_that_a_migration_does_not_hold()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = database.CreateDbContext();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed: add a migration for each provider (CONTRIBUTING.md).");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task The_audit_log_cannot_be_edited_or_deleted_through_the_app()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = database.CreateDbContext();
        var entry = new AuditEvent { At = DateTimeOffset.UtcNow, Action = AuditAction.SignIn, ActorName = "Tester", Summary = "Signed in" };
        db.AuditEvents.Add(entry);
        await db.SaveChangesAsync();

        entry.Summary = "Tampered";
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        db.Entry(entry).State = EntityState.Deleted;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}

public sealed class SqlitePersistenceTests : PersistenceTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqliteDatabase.CreateAsync();
}

[Trait("Category", "Postgres")]
public sealed class PostgresPersistenceTests : PersistenceTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresDatabase.CreateAsync();

    // timestamptz refuses a non-zero offset; the context stores the same instant in UTC instead.
    [Fact]
    public async Task A_time_with_an_offset_is_kept_as_the_same_instant_and_compares_as_one()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var summerMorning = new DateTimeOffset(2026, 7, 14, 10, 0, 0, TimeSpan.FromHours(1));
        var panel = new Panel { Name = "Offset DAPP", Area = "Test borough" };
        await using (var db = database.CreateDbContext())
        {
            db.AddRange(panel, new Meeting { PanelId = panel.Id, StartsAt = summerMorning });
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateDbContext();
        var stored = await check.Meetings.SingleAsync(m => m.PanelId == panel.Id);
        Assert.Equal(summerMorning.UtcDateTime, stored.StartsAt.UtcDateTime);
        Assert.Equal(1, await check.Meetings.CountAsync(m => m.StartsAt >= new DateTimeOffset(2026, 7, 14, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal(0, await check.Meetings.CountAsync(m => m.StartsAt > new DateTimeOffset(2026, 7, 14, 9, 30, 0, TimeSpan.Zero)));
    }
}
