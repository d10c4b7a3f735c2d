using DapPanel.Core.Agenda;
using DapPanel.Core.Audit;
using DapPanel.Core.Circulation;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using DapPanel.Core.Research;
using DapPanel.Core.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace DapPanel.Tests.Support;

/// <summary>A small panel over its own SQLite file, a fake clock, and mail written to a folder of its own.</summary>
public sealed class PanelWorld : IAsyncDisposable
{
    public required SqliteDatabase Db { get; init; }
    // Tuesday 1 December 2026, 09:00 UK time.
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    public StorageSettings Storage { get; } = new() { DataFolder = Path.Combine(Path.GetTempPath(), "dappanel-mail", Guid.NewGuid().ToString("N")) };
    public Panel Panel { get; private set; } = default!;
    public Dictionary<AgencyKind, Agency> Agencies { get; } = [];
    public Actor Administrator { get; private set; } = default!;
    public Actor Chair { get; private set; } = default!;
    public Actor Police { get; private set; } = default!;
    public Actor Probation { get; private set; } = default!;
    public Actor Provider { get; private set; } = default!;

    public DateOnly Today => PanelTime.Today(Clock);
    public IAuditLog Audit => new AuditLog(Db, Clock);
    public string MailFolder => Path.Combine(Storage.FullDataFolder, "mail-pickup");
    public IEmailSender Sender { get; set; } = default!;
    NotificationOutbox NotificationOutbox => new(Sender, new EmailSettings(), Clock, NullLogger<NotificationOutbox>.Instance);

    public AgendaService Agenda => new(Db, Audit, Clock);
    /// <summary>One policy for the world, as in the app: it remembers acknowledgements and the panel's rules.</summary>
    public NeedToKnow NeedToKnow => needToKnow ??= new NeedToKnow(Db, Clock);
    NeedToKnow? needToKnow;
    public CirculationService Circulation => new(Db, Audit, NotificationOutbox, NeedToKnow, Clock);
    public ResearchService Research => new(Db, Audit, NotificationOutbox, NeedToKnow, Clock);
    public InformationSharingService Sharing => new(Db, NeedToKnow, Audit, Clock);

    public static async Task<PanelWorld> CreateAsync()
    {
        var world = new PanelWorld { Db = await SqliteDatabase.CreateAsync() };
        world.Sender = new PickupFolderEmailSender(world.Storage);
        await world.SeedAsync();
        return world;
    }

    async Task SeedAsync()
    {
        await using var db = Db.CreateDbContext();
        Panel = new Panel { Name = "Test DAPP", Area = "Testborough" };
        var people = new List<(Person Person, Role Role)>();
        foreach (var (kind, name, person) in new[]
        {
            (AgencyKind.Police, "Police", "Alex Swift"), (AgencyKind.Probation, "Probation", "Chris Plover"),
            (AgencyKind.CaseManagementProvider, "Drive", "Ravi Osprey"), (AgencyKind.Other, "Family Justice Centre", "Jo Linnet"),
        })
        {
            var agency = new Agency { Name = name, Kind = kind };
            Agencies[kind] = agency;
            db.Agencies.Add(agency);
            Panel.Members.Add(new PanelMembership { AgencyId = agency.Id });
            var p = new Person { FullName = person, AgencyId = agency.Id, Email = $"{person.Split(' ')[0].ToLowerInvariant()}@{kind}.example" };
            db.People.Add(p);
            people.Add((p, kind == AgencyKind.Other ? Role.Administrator : Role.AgencyMember));
        }
        db.Panels.Add(Panel);
        // Version 1 of the agreement, acknowledged by everyone: tests of the gate withdraw or publish anew.
        db.InformationSharingAgreements.Add(new InformationSharingAgreement
        {
            PanelId = Panel.Id, Number = 1, Text = "Share only what each agency needs.", PublishedAt = Clock.GetUtcNow(), PublishedByName = "Jo Linnet",
        });
        db.AgreementAcknowledgements.AddRange(people.Select(p => new AgreementAcknowledgement
        {
            PanelId = Panel.Id, AgreementNumber = 1, PersonId = p.Person.Id, AcknowledgedAt = Clock.GetUtcNow(),
        }));
        await db.SaveChangesAsync();
        Actor As(Person p, Role r) => new("user-" + p.FullName, p.Id, p.AgencyId, p.FullName, new HashSet<Role> { r });
        Police = As(people[0].Person, Role.AgencyMember);
        Probation = As(people[1].Person, Role.AgencyMember);
        Provider = As(people[2].Person, Role.AgencyMember);
        Administrator = As(people[3].Person, Role.Administrator);
        Chair = As(people[3].Person, Role.Chair);
    }

    public async Task<Case> AddCaseAsync(Case c)
    {
        await using var db = Db.CreateDbContext();
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        return c;
    }

    public async Task<Meeting> AddMeetingAsync(DateOnly date, MeetingStatus status = MeetingStatus.Draft, params Case[] cases)
    {
        await using var db = Db.CreateDbContext();
        var meeting = new Meeting { PanelId = Panel.Id, StartsAt = PanelTime.At(date, new TimeOnly(10, 0)), Status = status, Location = "Room 2", OnlineLink = "https://meet.example/dapp" };
        foreach (var c in cases)
            meeting.AgendaItems.Add(new AgendaItem { CaseId = c.Id, Kind = AgendaItemKind.NewReferral, Order = meeting.AgendaItems.Count + 1 });
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting;
    }

    public IReadOnlyList<MimeMessage> Mail() =>
        Directory.Exists(MailFolder) ? Directory.GetFiles(MailFolder, "*.eml").Select(f => MimeMessage.Load(f)).ToList() : [];

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        try { Directory.Delete(Storage.FullDataFolder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>An email sender that refuses, as an unreachable mail server would.</summary>
public sealed class FailingEmailSender : IEmailSender
{
    public Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default) =>
        throw new IOException("The mail server did not answer.");
}
