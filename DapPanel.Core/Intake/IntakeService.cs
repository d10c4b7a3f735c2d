using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using DapPanel.Core.ReviewUpdates;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Intake;

/// <summary>
/// What is recorded about an accepted case for the evaluation: its case manager, needs and Severity of Abuse Grid at
/// intake, Adverse Childhood Experiences, and the characteristics of its perpetrator and victim-survivors. Seen case by
/// case only by chairs, administrators and the case-management provider; written by the provider and administrators.
/// </summary>
public interface IIntakeService
{
    Task<IntakeListView> ListAsync(Actor actor, CancellationToken cancellationToken = default);
    Task<IntakeForm> GetFormAsync(Actor actor, Guid caseId, CancellationToken cancellationToken = default);
    Task SaveAsync(Actor actor, IntakeInput input, CancellationToken cancellationToken = default);
}

public sealed class IntakeService(IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, NeedToKnow needToKnow,
    TimeProvider clock) : IIntakeService
{
    const string Refusal = "Only chairs, administrators and the case-management provider can see a case's intake record and characteristics.";
    /// <summary>Closed cases stay on the list this long, for late corrections.</summary>
    public const int ClosedDaysListed = 90;

    public async Task<IntakeListView> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var provider = await RequireReaderAsync(db, actor, cancellationToken);
        var since = PanelTime.Today(clock).AddDays(-ClosedDaysListed);
        var cases = db.Cases.AsNoTracking().Where(c => c.AcceptedOn != null && (c.ClosedOn == null || c.ClosedOn >= since));
        if (provider)
        {
            var panels = await db.PanelMemberships.Where(m => m.AgencyId == actor.AgencyId).Select(m => m.PanelId)
                .ToListAsync(cancellationToken);
            // The list names perpetrators, shared under each panel's agreement: the provider acknowledges it first.
            foreach (var panelId in panels) await needToKnow.BasisAsync(actor, panelId, cancellationToken);
            var heard = db.AgendaItems.Where(i => panels.Contains(i.Meeting!.PanelId)).Select(i => i.CaseId);
            cases = cases.Where(c => heard.Contains(c.Id));
        }
        else
        {
            // Chairs read the cases of the panels they chair; administrators every panel's.
            var chaired = db.ChairedPanelIds(actor);
            cases = cases.Where(c => chaired.Contains(c.PanelId));
        }
        var rows = await cases.OrderBy(c => c.ClosedOn != null).ThenByDescending(c => c.AcceptedOn).Select(c => new IntakeRow(
                c.Id, c.Reference, c.Perpetrator.FullName, c.AcceptedOn!.Value, c.ClosedOn,
                db.People.Where(p => p.Id == c.CaseManagerPersonId).Select(p => p.FullName).FirstOrDefault(),
                db.CaseIntakes.Any(i => i.CaseId == c.Id),
                c.Perpetrator.Ethnicity != Ethnicity.NotKnown && c.Perpetrator.Sex != Sex.NotKnown))
            .ToListAsync(cancellationToken);
        // The list names each case's perpetrator: a disclosure, recorded once per page view.
        await audit.RecordDisclosureAsync(actor, $"Opened the intake records ({rows.Count} accepted cases)", cancellationToken: cancellationToken);
        return new IntakeListView(CanWrite(actor, provider), rows);
    }

    public async Task<IntakeForm> GetFormAsync(Actor actor, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var provider = await RequireReaderAsync(db, actor, cancellationToken);
        var c = await db.Cases.AsNoTracking().Include(x => x.VictimSurvivors).SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken)
            ?? throw new NotFoundException("That case does not exist.");
        // Who may read it first: the answer about acceptance names the case.
        var basis = await BasisAsync(db, actor, provider, caseId, cancellationToken);
        if (c.AcceptedOn is not { } acceptedOn) throw new DomainRuleException($"{c.Reference} has not been accepted: intake is recorded once the panel accepts a case.");
        var intake = await db.CaseIntakes.AsNoTracking().Include(i => i.Severities).SingleOrDefaultAsync(i => i.CaseId == caseId, cancellationToken);
        var victims = c.VictimSurvivors.OrderBy(v => v.FullName).ToList();
        var labels = victims.Select((v, i) => new VictimOption(v.Id, basis.SeesVictimDetails ? v.FullName : $"Victim-survivor {i + 1} (name withheld)")).ToList();
        var managers = await db.People.AsNoTracking().Where(p => p.Agency!.Kind == AgencyKind.CaseManagementProvider)
            .OrderBy(p => p.FullName).Select(p => new PersonOption(p.Id, p.FullName)).ToListAsync(cancellationToken);
        var writer = intake is null ? null
            : await db.People.Where(p => p.Id == intake.WrittenByPersonId).Select(p => p.FullName).SingleOrDefaultAsync(cancellationToken);
        var input = new IntakeInput
        {
            CaseId = c.Id, CaseVersion = c.Version, CaseManagerPersonId = c.CaseManagerPersonId,
            AcesRecorded = c.AdverseChildhoodExperiences is not null, AdverseChildhoodExperiences = c.AdverseChildhoodExperiences,
            PerpetratorSex = c.Perpetrator.Sex, PerpetratorEthnicity = c.Perpetrator.Ethnicity,
            Victims = victims.Select(v => new VictimCharacteristicsInput { VictimSurvivorId = v.Id, DateOfBirth = v.DateOfBirth, Sex = v.Sex, Ethnicity = v.Ethnicity }).ToList(),
            RecordAssessment = intake is not null,
            AssessedOn = intake?.AssessedOn ?? acceptedOn,
            Needs = intake?.Needs.Copy() ?? NeedsRatings.AllNotKnown(),
            Severities = victims.SelectMany(v => Enum.GetValues<AbuseType>().Select(t => new SeverityInput
            {
                VictimSurvivorId = v.Id, AbuseType = t,
                Severity = intake?.Severities.FirstOrDefault(s => s.VictimSurvivorId == v.Id && s.AbuseType == t)?.Severity ?? AbuseSeverity.Unknown,
            })).ToList(),
        };
        await audit.RecordDisclosureAsync(actor, $"Opened the intake record of {c.Reference} ({basis.Recorded})",
            caseId: c.Id, cancellationToken: cancellationToken);
        return new IntakeForm(c.Id, c.Reference, c.Perpetrator.FullName, acceptedOn, c.Perpetrator.DateOfBirth, CanWrite(actor, provider),
            managers, labels, input, writer, intake?.WrittenAt);
    }

    public async Task SaveAsync(Actor actor, IntakeInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var provider = await RequireReaderAsync(db, actor, cancellationToken);
        if (!CanWrite(actor, provider))
            throw new AccessDeniedException("Only the case-management provider and administrators can write a case's intake record.");
        var c = await db.Cases.Include(x => x.VictimSurvivors).SingleOrDefaultAsync(x => x.Id == input.CaseId, cancellationToken)
            ?? throw new NotFoundException("That case does not exist.");
        await BasisAsync(db, actor, provider, c.Id, cancellationToken);
        if (c.AcceptedOn is not { } acceptedOn) throw new DomainRuleException($"{c.Reference} has not been accepted: intake is recorded once the panel accepts a case.");
        if (c.Version != input.CaseVersion)
            throw new ConcurrencyConflictException($"{c.Reference} was changed by someone else since you opened this form. Open it again to see what is there now, then make your change.");
        InvalidInputException.ThrowIfAny(input.Problems(PanelTime.Today(clock), acceptedOn, c.VictimSurvivors.Select(v => v.Id).ToList()));
        if (input.CaseManagerPersonId is { } managerId && !await db.People.AnyAsync(
                p => p.Id == managerId && p.Agency!.Kind == AgencyKind.CaseManagementProvider, cancellationToken))
            throw new InvalidInputException(["Choose the case manager from the case-management provider's people."]);

        c.CaseManagerPersonId = input.CaseManagerPersonId;
        c.AdverseChildhoodExperiences = input.AcesRecorded ? input.AdverseChildhoodExperiences : null;
        c.Perpetrator.Sex = input.PerpetratorSex;
        c.Perpetrator.Ethnicity = input.PerpetratorEthnicity;
        foreach (var victim in c.VictimSurvivors)
        {
            var given = input.Victims.Single(v => v.VictimSurvivorId == victim.Id);
            (victim.DateOfBirth, victim.Sex, victim.Ethnicity) = (given.DateOfBirth, given.Sex, given.Ethnicity);
        }
        // The owned perpetrator changes without the case itself: a new version says the case changed.
        c.Version = Guid.NewGuid();

        var intake = await db.CaseIntakes.Include(i => i.Severities).SingleOrDefaultAsync(i => i.CaseId == c.Id, cancellationToken);
        if (input.RecordAssessment)
        {
            if (intake is null) db.CaseIntakes.Add(intake = new CaseIntake { CaseId = c.Id });
            intake.AssessedOn = input.AssessedOn!.Value;
            intake.Needs = input.Needs.Copy();
            intake.WrittenByPersonId = actor.PersonId;
            intake.WrittenAt = clock.GetUtcNow();
            db.IntakeSeverities.RemoveRange(intake.Severities);
            db.IntakeSeverities.AddRange(input.Severities.Select(s => new IntakeSeverity
                { CaseIntakeId = intake.Id, VictimSurvivorId = s.VictimSurvivorId, AbuseType = s.AbuseType, Severity = s.Severity }));
        }
        audit.Add(db, actor, AuditAction.Changed,
            $"Wrote the intake record of {c.Reference}: case manager {(c.CaseManagerPersonId is null ? "not allocated" : "allocated")}, "
            + $"ACEs {(c.AdverseChildhoodExperiences is { } n ? n.ToString() : "not recorded")}, "
            + (input.RecordAssessment ? $"{input.Needs.KnownNeeds} needs known" : "no intake assessment"), caseId: c.Id);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException($"{c.Reference} was changed by someone else while you saved. Open the form again and make your change.");
        }
    }

    static bool CanWrite(Actor actor, bool provider) => provider || actor.Is(Role.Administrator);

    /// <summary>True for the case-management provider; chairs and administrators read every case; anyone else is refused.</summary>
    static async Task<bool> RequireReaderAsync(DapPanelDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        if (actor.Is(Role.AgencyMember) && await db.Agencies.AnyAsync(
                a => a.Id == actor.AgencyId && a.Kind == AgencyKind.CaseManagementProvider, cancellationToken))
            return true;
        if (actor.IsAny(Role.Chair, Role.Administrator)) return false;
        throw new AccessDeniedException(Refusal);
    }

    /// <summary>The case is shared under the agreement of the panel that last heard it; the provider must sit on that panel.</summary>
    async Task<SharingBasis> BasisAsync(DapPanelDbContext db, Actor actor, bool provider, Guid caseId, CancellationToken cancellationToken)
    {
        var panels = (await db.AgendaItems.Where(i => i.CaseId == caseId)
                .Select(i => new { i.Meeting!.PanelId, i.Meeting.StartsAt }).ToListAsync(cancellationToken))
            .OrderByDescending(x => x.StartsAt).Select(x => x.PanelId).Distinct().ToList();
        if (panels.Count == 0)
        {
            if (provider) throw new NotFoundException("That case does not exist or is not one of your panels'.");
            var owner = await db.Cases.Where(c => c.Id == caseId).Select(c => (Guid?)c.PanelId).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("That case does not exist or is not one of your panels'.");
            return (await needToKnow.BasisAsync(actor, owner, cancellationToken)).OfChairsOrAdministrators("read its intake records");
        }
        if (provider)
        {
            var member = await db.PanelMemberships.Where(m => m.AgencyId == actor.AgencyId && panels.Contains(m.PanelId))
                .Select(m => m.PanelId).ToListAsync(cancellationToken);
            var latest = panels.FirstOrDefault(member.Contains);
            if (latest == Guid.Empty) throw new NotFoundException("That case does not exist or is not one of your panels'.");
            return await needToKnow.BasisAsync(actor, latest, cancellationToken);
        }
        return (await needToKnow.BasisAsync(actor, panels[0], cancellationToken)).OfChairsOrAdministrators("read its intake records");
    }
}
