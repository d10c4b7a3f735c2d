using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Insight;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Evaluation;

/// <summary>Reads what the evaluation needs of one panel's cases open at any time in a period, in a handful of queries.</summary>
static class EvaluationReader
{
    public static async Task<EvaluationRecords> ReadAsync(DapPanelDbContext db, InsightPeriod period, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        var end = PanelTime.At(to.AddDays(1), TimeOnly.MinValue);
        // A case belongs to the panels whose meetings heard it.
        var heard = db.AgendaItems.Where(i => i.Meeting!.PanelId == period.PanelId).Select(i => i.CaseId);
        var cases = db.Cases.AsNoTracking().Where(c => heard.Contains(c.Id) && c.AcceptedOn != null && c.AcceptedOn <= to
            && (c.ClosedOn == null || c.ClosedOn >= from));

        var rows = await cases.Select(c => new
        {
            c.Id, c.AcceptedOn, c.ClosedOn, c.ClosureReason, c.ChildrenCount, c.Perpetrator.DateOfBirth, c.Perpetrator.Sex,
            c.Perpetrator.Ethnicity, c.CaseManagerPersonId, c.AdverseChildhoodExperiences,
        }).ToListAsync(cancellationToken);
        // The cases' ids as a list: the queries below take it as one parameter instead of repeating the panel's subquery.
        var caseIds = rows.Select(r => r.Id).ToList();
        // The Severity of Abuse Grid is compared for cases closed in the period only.
        var closedIds = rows.Where(r => r.ClosedOn >= from && r.ClosedOn <= to).Select(r => r.Id).ToHashSet();
        var victims = (await db.VictimSurvivors.AsNoTracking().Where(v => caseIds.Contains(v.CaseId))
                .Select(v => new { v.CaseId, v.Id, v.DateOfBirth, v.Sex, v.Ethnicity }).ToListAsync(cancellationToken))
            .ToLookup(v => v.CaseId, v => new EvaluationVictim(v.Id, v.DateOfBirth, v.Sex, v.Ethnicity));

        var intakes = await db.CaseIntakes.AsNoTracking().Where(i => caseIds.Contains(i.CaseId))
            .Select(i => new { i.Id, i.CaseId, i.AssessedOn, i.Needs }).ToListAsync(cancellationToken);
        var intakeIds = intakes.Where(i => closedIds.Contains(i.CaseId)).Select(i => i.Id).ToList();
        var intakeSeverities = (await db.IntakeSeverities.AsNoTracking()
                .Where(s => intakeIds.Contains(s.CaseIntakeId))
                .Select(s => new { s.CaseIntakeId, s.VictimSurvivorId, s.AbuseType, s.Severity }).ToListAsync(cancellationToken))
            .ToLookup(s => s.CaseIntakeId, s => new EvaluationSeverity(s.VictimSurvivorId, s.AbuseType, s.Severity));
        var intakeByCase = intakes.ToDictionary(i => i.CaseId, i => new EvaluationIntake(i.AssessedOn, i.Needs, intakeSeverities[i.Id].ToList()));

        var updateQuery = db.ReviewUpdates.AsNoTracking()
            .Where(u => caseIds.Contains(u.CaseId))
            .Join(db.AgendaItems, u => u.AgendaItemId, i => i.Id, (u, i) => new { Update = u, i.Meeting!.StartsAt })
            .Where(x => x.StartsAt < end);
        var updates = await updateQuery.Select(x => new
        {
            x.Update.Id, x.Update.CaseId, x.StartsAt, x.Update.WorkStatus, x.Update.Engagement, x.Update.BehaviourChangeSessions,
            x.Update.Needs,
        }).ToListAsync(cancellationToken);
        // Interventions count only in updates for meetings in the period: reading no more than that (and the grids of
        // closed cases only) keeps a short period quick however long the panel's history.
        var start = PanelTime.At(from, TimeOnly.MinValue);
        var interventions = (await db.Interventions.AsNoTracking()
                .Join(updateQuery.Where(x => x.StartsAt >= start), i => i.ReviewUpdateId, x => x.Update.Id,
                    (i, x) => new { i.ReviewUpdateId, i.Kind, i.AgencyId })
                .ToListAsync(cancellationToken))
            .ToLookup(i => i.ReviewUpdateId, i => new EvaluationIntervention(i.Kind, i.AgencyId));
        var closedList = closedIds.ToList();
        var severities = (await db.SeverityRatings.AsNoTracking()
                .Join(db.ReviewUpdates.Where(u => closedList.Contains(u.CaseId)), s => s.ReviewUpdateId, u => u.Id,
                    (s, u) => new { s.ReviewUpdateId, s.VictimSurvivorId, s.AbuseType, s.Severity })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.ReviewUpdateId, s => new EvaluationSeverity(s.VictimSurvivorId, s.AbuseType, s.Severity));
        var updatesByCase = updates.ToLookup(u => u.CaseId, u => new EvaluationUpdate(PanelTime.LocalDate(u.StartsAt), u.WorkStatus,
            u.Engagement, u.BehaviourChangeSessions, u.Needs, interventions[u.Id].ToList(), severities[u.Id].ToList()));

        // Research answers make the footprint of the cases accepted in the period only.
        var acceptedIds = rows.Where(r => r.AcceptedOn >= from).Select(r => r.Id).ToList();
        var research = (await db.AgencyResearch.AsNoTracking().Where(r => acceptedIds.Contains(r.CaseId))
                .Join(db.Meetings, r => r.MeetingId, m => m.Id, (r, m) => new { r.CaseId, m.StartsAt, r.AgencyId, r.Answer })
                .Where(r => r.StartsAt < end).ToListAsync(cancellationToken))
            .ToLookup(r => r.CaseId, r => new EvaluationResearch(PanelTime.LocalDate(r.StartsAt), r.AgencyId, r.Answer));

        var agencyNames = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var managerIds = rows.Where(r => r.CaseManagerPersonId is not null).Select(r => r.CaseManagerPersonId!.Value).Distinct().ToList();
        var managers = await db.People.AsNoTracking().Where(p => managerIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.FullName, cancellationToken);
        var area = await db.AreaPopulationShares.AsNoTracking().Where(s => s.PanelId == period.PanelId)
            .ToDictionaryAsync(s => s.Group, s => s.Percent, cancellationToken);

        return new EvaluationRecords(rows.Select(c => new EvaluationCase(c.Id, c.AcceptedOn, c.ClosedOn, c.ClosureReason, c.ChildrenCount,
                c.DateOfBirth, c.Sex, c.Ethnicity, c.CaseManagerPersonId, c.AdverseChildhoodExperiences, victims[c.Id].ToList(),
                intakeByCase.GetValueOrDefault(c.Id), updatesByCase[c.Id].ToList(), research[c.Id].ToList())).ToList(),
            agencyNames, managers, area);
    }
}
