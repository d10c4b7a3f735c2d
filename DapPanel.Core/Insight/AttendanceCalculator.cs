using DapPanel.Core.Attendance;
using DapPanel.Core.Domain;

namespace DapPanel.Core.Insight;

public sealed record HeldMeeting(Guid Id, DateTimeOffset StartsAt)
{
    public DateOnly Date => DateOnly.FromDateTime(PanelTime.ToLocal(StartsAt).DateTime);
}

public sealed record MemberAgency(Guid AgencyId, string Name, bool IsCore, DateOnly JoinedOn);

public sealed record AttendanceLine(Guid MeetingId, Guid AgencyId, AttendanceStatus Status, DateTimeOffset? JoinedAt);

/// <summary>What one agency made of one meeting, from all its representatives' lines.</summary>
public enum AgencyOutcome { InRoom, Remote, Deputy, ApologiesWithInformation, Apologies, Unexplained }

/// <summary>
/// The attendance rules in one place: a meeting with nothing recorded is "not recorded" and left out;
/// an agency counts from the meeting on or after it joined; the best line of an agency wins; nothing
/// recorded for an agency at a recorded meeting is an unexplained absence.
/// </summary>
public static class AttendanceCalculator
{
    public static AttendanceInsight Calculate(IReadOnlyList<HeldMeeting> meetings, IReadOnlyList<MemberAgency> agencies,
        IReadOnlyList<AttendanceLine> lines)
    {
        var byMeeting = lines.GroupBy(l => l.MeetingId).ToDictionary(g => g.Key, g => g.ToList());
        var ordered = meetings.OrderBy(m => m.StartsAt).ToList();
        var recorded = ordered.Where(m => byMeeting.ContainsKey(m.Id)).ToList();
        var outcomes = new Dictionary<(Guid Meeting, Guid Agency), (AgencyOutcome Outcome, bool Late)>();
        foreach (var meeting in recorded)
        foreach (var agency in agencies.Where(a => meeting.Date >= a.JoinedOn))
            outcomes[(meeting.Id, agency.AgencyId)] = OutcomeOf(meeting, byMeeting[meeting.Id].Where(l => l.AgencyId == agency.AgencyId));

        var rows = agencies.Select(agency =>
        {
            var mine = recorded.Where(m => outcomes.ContainsKey((m.Id, agency.AgencyId)))
                .Select(m => outcomes[(m.Id, agency.AgencyId)]).ToList();
            int run = 0, longest = 0;
            foreach (var (outcome, _) in mine)
            {
                run = Attended(outcome) ? 0 : run + 1;
                longest = Math.Max(longest, run);
            }
            return new AgencyAttendanceRow(agency.AgencyId, agency.Name, agency.IsCore, agency.JoinedOn, mine.Count,
                mine.Count(o => Attended(o.Outcome)), Count(mine, AgencyOutcome.InRoom), Count(mine, AgencyOutcome.Remote),
                Count(mine, AgencyOutcome.Deputy), Count(mine, AgencyOutcome.Apologies),
                Count(mine, AgencyOutcome.ApologiesWithInformation), Count(mine, AgencyOutcome.Unexplained),
                mine.Count(o => o.Late), longest, run);
        }).OrderByDescending(r => r.IsCore).ThenBy(r => r.AgencyName).ToList();

        var months = ordered.GroupBy(m => new DateOnly(m.Date.Year, m.Date.Month, 1)).Select(g =>
        {
            var inMonth = g.Where(m => byMeeting.ContainsKey(m.Id)).SelectMany(m => agencies
                .Where(a => outcomes.ContainsKey((m.Id, a.AgencyId))).Select(a => outcomes[(m.Id, a.AgencyId)])).ToList();
            return new MonthAttendance(g.Key, g.Count(), g.Count(m => !byMeeting.ContainsKey(m.Id)), inMonth.Count,
                inMonth.Count(o => Attended(o.Outcome)), Count(inMonth, AgencyOutcome.InRoom), Count(inMonth, AgencyOutcome.Remote),
                Count(inMonth, AgencyOutcome.Deputy),
                inMonth.Count(o => o.Outcome is AgencyOutcome.Apologies or AgencyOutcome.ApologiesWithInformation),
                Count(inMonth, AgencyOutcome.Unexplained));
        }).ToList();

        return new AttendanceInsight(ordered.Count, ordered.Where(m => !byMeeting.ContainsKey(m.Id)).Select(m => m.Date).ToList(),
            rows, months);
    }

    public static (AgencyOutcome Outcome, bool Late) OutcomeOf(HeldMeeting meeting, IEnumerable<AttendanceLine> agencyLines)
    {
        var list = agencyLines.ToList();
        var best = AttendanceRules.AgencyStatus(list.Select(l => l.Status));
        var outcome = best switch
        {
            AttendanceStatus.PresentInRoom => AgencyOutcome.InRoom,
            AttendanceStatus.PresentRemote => AgencyOutcome.Remote,
            AttendanceStatus.DeputySent => AgencyOutcome.Deputy,
            AttendanceStatus.ApologiesWithInformation => AgencyOutcome.ApologiesWithInformation,
            AttendanceStatus.Apologies => AgencyOutcome.Apologies,
            _ => AgencyOutcome.Unexplained,
        };
        // Late when the first of the agency's representatives to arrive joined more than 10 minutes in;
        // someone the chair marked in the room without a joining time was there from the start.
        var present = list.Where(l => l.Status.IsPresent()).ToList();
        var late = present.Count > 0 && present.All(l => AttendanceRules.IsLate(l.JoinedAt, meeting.StartsAt));
        return (outcome, late);
    }

    public static bool Attended(AgencyOutcome outcome) => outcome is AgencyOutcome.InRoom or AgencyOutcome.Remote or AgencyOutcome.Deputy;

    public static string Label(this AgencyOutcome outcome) => outcome switch
    {
        AgencyOutcome.InRoom => "In the room",
        AgencyOutcome.Remote => "Remote",
        AgencyOutcome.Deputy => "Deputy sent",
        AgencyOutcome.ApologiesWithInformation => "Apologies, information sent",
        AgencyOutcome.Apologies => "Apologies",
        _ => "Absent, no apologies",
    };

    static int Count(IEnumerable<(AgencyOutcome Outcome, bool Late)> outcomes, AgencyOutcome which) =>
        outcomes.Count(o => o.Outcome == which);
}
