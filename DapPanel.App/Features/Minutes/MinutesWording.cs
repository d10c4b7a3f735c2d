using DapPanel.App.Components.Shared;
using DapPanel.Core.Attendance;
using DapPanel.Core.Domain;
using DapPanel.Core.Minutes;

namespace DapPanel.App.Features.Minutes;

/// <summary>The minutes' sentences and facts, worded once for the page the chair reviews and the PDF that is filed.</summary>
public static class MinutesWording
{
    public static IEnumerable<(string Label, string Value)> Facts(MinutesContent m, MinutesVersionSummary version)
    {
        yield return ("Panel", m.PanelName);
        yield return ("Date", Display.Day(m.StartsAt));
        yield return ("Time", m.StartedAt is { } s && m.ClosedAt is { } c
            ? $"{Display.Time(s)} to {Display.Time(c)} (planned {Display.Time(m.StartsAt)}, {Display.Minutes(m.PlannedMinutes)})"
            : $"{Display.Time(m.StartsAt)}, {Display.Minutes(m.PlannedMinutes)}");
        yield return ("Place", m.Location ?? "No room: online only");
        yield return ("Online", m.OnlineLink is null ? "No online joining" : $"Members could join online ({m.OnlineLink})");
        yield return ("Chairs", m.Chairs.Count == 0 ? "—" : string.Join(" and ", m.Chairs));
        yield return ("These minutes", ThisVersion(version));
    }

    /// <summary>The section every item is minuted in; deferred items are in it too, and counted apart.</summary>
    public static string CasesHeading(int items, int deferred) =>
        deferred == 0 ? $"Cases heard ({items})" : $"Cases heard ({items - deferred}) and deferred ({deferred})";

    public static string ThisVersion(MinutesVersionSummary version) => version switch
    {
        { IsSaved: false } => $"Version {version.Number}, draft (not yet saved)",
        { Status: MinutesStatus.Final, FinalisedAt: { } at } => $"Version {version.Number}, final — {version.FinalisedByName}, {Display.When(at)}",
        _ => $"Version {version.Number}, draft",
    };

    public static string Where(AttendanceStatus status) => status switch
    {
        AttendanceStatus.PresentInRoom => "In the room",
        AttendanceStatus.PresentRemote => "Remote",
        AttendanceStatus.DeputySent => "Deputy",
        _ => "—",
    };

    public static string? Apologies(MinutesContent m)
    {
        var agencies = m.Attendance.Where(a => a.Status is AttendanceStatus.Apologies or AttendanceStatus.ApologiesWithInformation)
            .Select(a => a.AgencyName).Distinct().ToList();
        return agencies.Count == 0 ? null : "Apologies: " + string.Join(", ", agencies) + ".";
    }

    /// <summary>The attendance column: apologies sent before someone attended after all are said too.</summary>
    public static string Attendance(MinutesAttendanceRow a) =>
        a.Status.Label() + (a.ApologiesSent is { } sent ? $" (had sent {sent.Label().ToLowerInvariant()})" : "");

    /// <summary>The notes sent with apologies, kept whether or not their sender came after all.</summary>
    public static IEnumerable<string> ApologyNotes(MinutesContent m) =>
        m.Attendance.Where(a => a.Note is not null && (a.ApologiesSent is not null || a.Status.IsApologies()))
            .Select(a => $"With apologies from {a.PersonName ?? a.AgencyName} ({a.AgencyName}): {a.Note}");

    public static string CoreAgencies(MinutesContent m) => m.AbsentCoreAgencies.Count == 0
        ? "Every core agency was represented."
        : "Core agencies not represented: " + string.Join(", ", m.AbsentCoreAgencies) + ".";

    public static string Confidentiality(bool statementRead) => statementRead
        ? "The chair read the confidentiality statement at the start of the meeting and every attendee acknowledged it."
        : "The confidentiality statement was not recorded as read at this meeting.";

    public static string Decision(MinutesDecision d)
    {
        var text = d.Rationale;
        if (d.ClosureReason is { } reason) text += $"\nClosure reason: {reason.Label()}.";
        if (d.ReviewOn is { } on) text += $"\nBack to the panel by {Display.Day(on)}.";
        return text;
    }

    public static string ActionStatus(ActionRow a) =>
        (a.IsOverdue ? "Overdue" : a.Status.Label()) + (a.OutcomeNote is null ? "" : $" — {a.OutcomeNote}");

    /// <summary>
    /// Who the minutes reach once final: the chairs and administrators download them, and each agency that owns an
    /// action gets its own action list (agreed at this meeting, or still open from an earlier one).
    /// </summary>
    public static string Recipients(MinutesContent m)
    {
        var chairs = m.Chairs.Count == 0 ? "the panel's chairs" : $"the chairs ({string.Join(" and ", m.Chairs)})";
        var agencies = m.Items.SelectMany(i => i.Actions).Concat(m.OutstandingActions.Where(a => a.Status == Core.Domain.ActionStatus.Open))
            .Select(a => a.OwnerAgencyName).Distinct().Order().ToList();
        var lists = agencies.Count == 0 ? "No agency has an action list from this meeting."
            : $"{agencies.Count} {(agencies.Count == 1 ? "agency receives its" : "agencies receive their")} action list: {string.Join(", ", agencies)}.";
        return $"The minutes go to {chairs}, the administrators and every member agency of the panel, who can download them "
            + $"from the meeting's page once final. {lists}";
    }
}
