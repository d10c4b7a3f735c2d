using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Bench.Insight;

/// <summary>
/// Five years of fortnightly panels: 3 panels of 15 agencies, 17 items a meeting (7 new referrals,
/// 10 reviews), levers, actions, review updates with interventions, decisions and attendance. At
/// scale 10 each panel holds ten meetings a fortnight, so one panel's five years has ten times the rows.
/// </summary>
public sealed class Generator(IDbContextFactory<DapPanelDbContext> dbFactory, int scale)
{
    static readonly AgencyKind[] Kinds =
    [
        AgencyKind.Police, AgencyKind.Probation, AgencyKind.ChildrensSocialCare, AgencyKind.AdultSocialCare, AgencyKind.Housing,
        AgencyKind.MentalHealth, AgencyKind.SubstanceMisuse, AgencyKind.IdvaService, AgencyKind.CaseManagementProvider,
        AgencyKind.Prison, AgencyKind.Health, AgencyKind.Education, AgencyKind.Other, AgencyKind.Other, AgencyKind.Other,
    ];

    readonly Random random = new(5);
    int caseNumber;

    public List<Guid> PanelIds { get; } = [];
    public long Rows { get; private set; }

    public async Task GenerateAsync(DateOnly today)
    {
        var start = today.AddYears(-5);
        for (var p = 0; p < 3; p++)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var agencies = Kinds.Select((k, i) => new Agency { Name = $"Panel {p + 1} agency {i + 1:00} ({k})", Kind = k }).ToList();
            var people = agencies.SelectMany(a => Enumerable.Range(1, 3).Select(n => new Person { FullName = $"{a.Name} member {n}", AgencyId = a.Id })).ToList();
            var panel = new Panel { Name = $"Benchmark DAPP {p + 1}", Area = $"Borough {p + 1}" };
            // One agency joins two years in, as agencies do.
            panel.Members.AddRange(agencies.Select((a, i) => new PanelMembership
            {
                AgencyId = a.Id, IsCore = i < 12, JoinedOn = i == 14 ? start.AddYears(2) : start,
            }));
            db.Agencies.AddRange(agencies);
            db.People.AddRange(people);
            db.Panels.Add(panel);
            await db.SaveChangesAsync();
            PanelIds.Add(panel.Id);
            Rows += agencies.Count + people.Count + 1 + panel.Members.Count;

            var open = new List<Case>();
            var batch = 0;
            for (var date = start; date < today; date = date.AddDays(14))
            for (var copy = 0; copy < scale; copy++)
            {
                var meeting = new Meeting
                {
                    PanelId = panel.Id, StartsAt = PanelTime.At(date, new TimeOnly(10, 0)).AddMinutes(copy), Status = MeetingStatus.Closed,
                };
                meeting.StartedAt = meeting.StartsAt;
                meeting.ClosedAt = meeting.StartsAt.AddHours(2);
                db.Meetings.Add(meeting);
                Rows++;
                AddAttendance(db, meeting, agencies, people, date, start);
                var order = 0;
                for (var n = 0; n < 7; n++) AddNewReferral(db, meeting, date, agencies, ++order, open);
                foreach (var c in open.Where(c => c.Status is CaseStatus.Accepted or CaseStatus.Review).OrderBy(_ => random.Next()).Take(10).ToList())
                    AddReview(db, meeting, date, c, agencies, ++order);
                if (++batch % 20 == 0)
                {
                    db.ChangeTracker.DetectChanges();
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
    }

    void AddAttendance(DapPanelDbContext db, Meeting meeting, List<Agency> agencies, List<Person> people, DateOnly date, DateOnly start)
    {
        // One meeting in forty has no attendance recorded.
        if (random.Next(40) == 0) return;
        for (var i = 0; i < agencies.Count; i++)
        {
            if (i == 14 && date < start.AddYears(2)) continue;
            var roll = random.Next(100) - (i is 5 or 6 ? 25 : 0); // mental health and substance misuse drift away
            var status = roll switch
            {
                >= 55 => AttendanceStatus.PresentInRoom,
                >= 30 => AttendanceStatus.PresentRemote,
                >= 24 => AttendanceStatus.DeputySent,
                >= 16 => AttendanceStatus.ApologiesWithInformation,
                >= 8 => AttendanceStatus.Apologies,
                _ => AttendanceStatus.Absent,
            };
            var representatives = status.IsPresent() && random.Next(5) == 0 ? 2 : 1;
            for (var r = 0; r < representatives; r++)
            {
                db.Attendances.Add(new Attendance
                {
                    MeetingId = meeting.Id, AgencyId = agencies[i].Id, PersonId = status.IsPresent() ? people[i * 3 + r].Id : null,
                    Status = status, IsConfirmed = true,
                    JoinedAt = status == AttendanceStatus.PresentRemote ? meeting.StartsAt.AddMinutes(random.Next(20)) : null,
                });
                Rows++;
            }
        }
    }

    void AddNewReferral(DapPanelDbContext db, Meeting meeting, DateOnly date, List<Agency> agencies, int order, List<Case> open)
    {
        var c = new Case
        {
            Reference = $"B-{++caseNumber:000000}", Perpetrator = new Perpetrator { FullName = $"Perpetrator {caseNumber}", DateOfBirth = new DateOnly(1985, 1, 1) },
            ReferredOn = date.AddDays(-10), ReferralSource = (ReferralSource)(caseNumber % 3),
        };
        var item = new AgendaItem { MeetingId = meeting.Id, CaseId = c.Id, Kind = AgendaItemKind.NewReferral, Order = order, HeardAt = meeting.StartsAt };
        var roll = random.Next(10);
        var outcome = roll < 6 ? DecisionOutcome.Accept : roll < 8 ? DecisionOutcome.Review : DecisionOutcome.NotSuitable;
        if (outcome == DecisionOutcome.Accept) { c.Status = CaseStatus.Accepted; c.AcceptedOn = date; open.Add(c); }
        else if (outcome == DecisionOutcome.Review) { c.Status = CaseStatus.Review; open.Add(c); }
        else c.Status = CaseStatus.NotSuitable;
        db.Cases.Add(c);
        db.AgendaItems.Add(item);
        db.Decisions.Add(new Decision { AgendaItemId = item.Id, Outcome = outcome, Rationale = "Benchmark decision", RecordedAt = meeting.StartsAt });
        Rows += 3;
        AddLeversAndActions(db, meeting, date, c, item, agencies);
    }

    void AddReview(DapPanelDbContext db, Meeting meeting, DateOnly date, Case c, List<Agency> agencies, int order)
    {
        var closing = c.AcceptedOn is { } accepted && date >= accepted.AddMonths(3) && random.Next(6) == 0;
        var item = new AgendaItem
        {
            MeetingId = meeting.Id, CaseId = c.Id, Kind = closing ? AgendaItemKind.ClosureProposal : AgendaItemKind.Review, Order = order,
            HeardAt = meeting.StartsAt, IsDeferred = random.Next(30) == 0,
        };
        db.AgendaItems.Add(item);
        Rows++;
        if (item.IsDeferred) return;
        var update = new ReviewUpdate { AgendaItemId = item.Id, CaseId = c.Id, WorkStatus = CaseWorkStatus.DirectContact, WrittenAt = meeting.StartsAt.AddDays(-2) };
        for (var k = random.Next(4); k > 0; k--)
            update.Interventions.Add(new Intervention { Kind = (InterventionKind)random.Next(3), AgencyId = agencies[random.Next(agencies.Count)].Id });
        db.ReviewUpdates.Add(update);
        Rows += 1 + update.Interventions.Count;
        DecisionOutcome outcome;
        ClosureReason? reason = null;
        if (closing)
        {
            outcome = DecisionOutcome.Close;
            reason = (ClosureReason)random.Next(8);
            c.Status = CaseStatus.Closed;
            c.ClosedOn = date;
            c.ClosureReason = reason;
        }
        else if (c.Status == CaseStatus.Review && random.Next(2) == 0)
        {
            outcome = DecisionOutcome.Accept;
            c.Status = CaseStatus.Accepted;
            c.AcceptedOn = date;
        }
        else outcome = DecisionOutcome.Review;
        if (db.Entry(c).State == EntityState.Detached) db.Cases.Update(c);
        db.Decisions.Add(new Decision { AgendaItemId = item.Id, Outcome = outcome, ClosureReason = reason, Rationale = "Benchmark review", RecordedAt = meeting.StartsAt });
        Rows++;
        AddLeversAndActions(db, meeting, date, c, item, agencies);
    }

    void AddLeversAndActions(DapPanelDbContext db, Meeting meeting, DateOnly date, Case c, AgendaItem item, List<Agency> agencies)
    {
        for (var k = 1 + random.Next(4); k > 0; k--)
        {
            var family = (LeverFamily)random.Next(3);
            var areas = LeverAreas.For(family);
            db.Levers.Add(new Lever
            {
                CaseId = c.Id, MeetingId = meeting.Id, AgencyId = agencies[random.Next(agencies.Count)].Id, Family = family,
                Area = areas[random.Next(areas.Count)], Description = "Benchmark lever", OfferedAt = meeting.StartsAt,
            });
            Rows++;
        }
        for (var k = random.Next(3); k > 0; k--)
        {
            var roll = random.Next(10);
            db.Actions.Add(new PanelAction
            {
                CaseId = c.Id, AgendaItemId = item.Id, Description = "Benchmark action", OwnerAgencyId = agencies[random.Next(agencies.Count)].Id,
                DueOn = date.AddDays(14),
                Status = roll < 6 ? ActionStatus.Done : roll < 7 ? ActionStatus.NotDoneCircumstancesChanged : roll < 8 ? ActionStatus.NotDoneAgencyDidNotAct : ActionStatus.Open,
            });
            Rows++;
        }
    }
}
