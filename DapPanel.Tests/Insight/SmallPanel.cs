using DapPanel.Core.Domain;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.Insight;

/// <summary>
/// A hand-countable panel in its own SQLite file: police (core since the start), housing (core,
/// joins after the first meeting), mental health (core) and health (not core, never there), four meetings in January and
/// February 2026 of which the second has no attendance recorded at all.
/// </summary>
public sealed class SmallPanel : IAsyncDisposable
{
    public required SqliteDatabase Database { get; init; }
    public Panel Panel { get; } = new() { Name = "Small DAPP", Area = "Test borough" };
    public Agency Police { get; } = new() { Name = "Police", Kind = AgencyKind.Police, SeniorContactName = "Supt Lesley Kite", SeniorContactEmail = "kite@police.example" };
    public Agency Housing { get; } = new() { Name = "Housing", Kind = AgencyKind.Housing };
    public Agency MentalHealth { get; } = new() { Name = "Mental health", Kind = AgencyKind.MentalHealth, SeniorContactName = "Dr Fran Shrike", SeniorContactEmail = "shrike@nhs.example" };
    public Agency Health { get; } = new() { Name = "Health", Kind = AgencyKind.Health };
    public List<Meeting> Meetings { get; } = [];
    /// <summary>Sam Reed of the police chairs the panel: chairs see the figures of the panels they chair.</summary>
    public Person Chair { get; private set; } = default!;
    public static readonly DateOnly[] Dates = [new(2026, 1, 6), new(2026, 1, 20), new(2026, 2, 3), new(2026, 2, 17)];

    public static async Task<SmallPanel> CreateAsync()
    {
        var small = new SmallPanel { Database = await SqliteDatabase.CreateAsync() };
        await small.SeedAsync();
        return small;
    }

    async Task SeedAsync()
    {
        await using var db = Database.CreateDbContext();
        db.Agencies.AddRange(Police, Housing, MentalHealth, Health);
        var people = new[] { Person("Alex Swift", Police), Person("Sam Reed", Police), Person("Jamie Starling", Housing), Person("Kim Curlew", MentalHealth) };
        db.People.AddRange(people);
        Chair = people[1];
        Panel.Chairs.Add(new PanelChair { PersonId = Chair.Id });
        Panel.Members.Add(new PanelMembership { AgencyId = Police.Id, IsCore = true, JoinedOn = new DateOnly(2025, 1, 1) });
        Panel.Members.Add(new PanelMembership { AgencyId = Housing.Id, IsCore = true, JoinedOn = new DateOnly(2026, 1, 15) });
        Panel.Members.Add(new PanelMembership { AgencyId = MentalHealth.Id, IsCore = true, JoinedOn = new DateOnly(2025, 1, 1) });
        Panel.Members.Add(new PanelMembership { AgencyId = Health.Id, IsCore = false, JoinedOn = new DateOnly(2025, 1, 1) });
        db.Panels.Add(Panel);
        foreach (var date in Dates)
        {
            var startsAt = PanelTime.At(date, new TimeOnly(10, 0));
            Meetings.Add(new Meeting { PanelId = Panel.Id, StartsAt = startsAt, Status = MeetingStatus.Closed, StartedAt = startsAt, ClosedAt = startsAt.AddHours(2) });
        }
        // A draft after the period's meetings never counts.
        Meetings.Add(new Meeting { PanelId = Panel.Id, StartsAt = PanelTime.At(new DateOnly(2026, 2, 24), new TimeOnly(10, 0)) });
        db.Meetings.AddRange(Meetings);

        var (m1, m3, m4) = (Meetings[0], Meetings[2], Meetings[3]);
        // Meeting 1: police in the room (two officers, one of them remote), mental health apologies; housing not yet a member.
        Line(db, m1, Police, AttendanceStatus.PresentInRoom, people[0]);
        Line(db, m1, Police, AttendanceStatus.PresentRemote, people[1], joinedAfterMinutes: 30);
        Line(db, m1, MentalHealth, AttendanceStatus.Apologies);
        // Meeting 2: nothing recorded at all.
        // Meeting 3: police joins 15 minutes late, housing on time, mental health absent, an observer from housing.
        Line(db, m3, Police, AttendanceStatus.PresentRemote, people[0], joinedAfterMinutes: 15);
        Line(db, m3, Housing, AttendanceStatus.PresentRemote, people[2], joinedAfterMinutes: 5);
        Line(db, m3, MentalHealth, AttendanceStatus.Absent);
        db.Attendances.Add(new Attendance { MeetingId = m3.Id, AgencyId = Housing.Id, Status = AttendanceStatus.PresentInRoom, IsObserver = true });
        // Meeting 4: police sends apologies with information, housing a deputy, mental health nothing recorded.
        Line(db, m4, Police, AttendanceStatus.ApologiesWithInformation);
        Line(db, m4, Housing, AttendanceStatus.DeputySent);
        await db.SaveChangesAsync();
    }

    static Person Person(string name, Agency agency) => new() { FullName = name, AgencyId = agency.Id, Email = name.Replace(' ', '.').ToLowerInvariant() + "@test.example" };

    static void Line(Core.Data.DapPanelDbContext db, Meeting meeting, Agency agency, AttendanceStatus status, Person? person = null,
        int? joinedAfterMinutes = null) =>
        db.Attendances.Add(new Attendance
        {
            MeetingId = meeting.Id, AgencyId = agency.Id, PersonId = person?.Id, Status = status,
            JoinedAt = joinedAfterMinutes is { } m ? meeting.StartsAt.AddMinutes(m) : null,
        });

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
