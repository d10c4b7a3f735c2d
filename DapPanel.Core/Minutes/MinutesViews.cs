using DapPanel.Core.Domain;

namespace DapPanel.Core.Minutes;

// Plain data the App renders as pages and PDFs. Case references only: minutes and action lists never
// carry perpetrator or victim names, addresses or contact details.

/// <summary>What the minutes say: the meeting's records with the chair's corrected text.</summary>
public sealed record MinutesContent(
    string PanelName, DateTimeOffset StartsAt, int PlannedMinutes, DateTimeOffset? StartedAt, DateTimeOffset? ClosedAt,
    string? Location, string? OnlineLink, IReadOnlyList<string> Chairs, IReadOnlyList<MinutesAttendanceRow> Attendance,
    IReadOnlyList<string> AbsentCoreAgencies, bool ConfidentialityStatementRead, string? GeneralNotes,
    IReadOnlyList<MinutesItem> Items, IReadOnlyList<ActionRow> OutstandingActions)
{
    public IEnumerable<MinutesItem> DeferredItems => Items.Where(i => i.IsDeferred);
}

/// <param name="ApologiesSent">Apologies sent before the meeting by someone who then attended; the minutes say both.</param>
/// <param name="Note">What was sent in advance with apologies, or the chair's note.</param>
public sealed record MinutesAttendanceRow(string AgencyName, string? PersonName, AttendanceStatus Status, bool IsObserver,
    AttendanceStatus? ApologiesSent = null, string? Note = null);

public sealed record MinutesItem(
    Guid AgendaItemId, int Order, string CaseReference, AgendaItemKind Kind, bool IsDeferred, string? Summary,
    string? Notes, IReadOnlyList<MinutesLever> Levers, MinutesDecision? Decision, IReadOnlyList<ActionRow> Actions);

public sealed record MinutesLever(string AgencyName, LeverFamily Family, LeverArea Area, string Description);

public sealed record MinutesDecision(DecisionOutcome Outcome, string Rationale, ClosureReason? ClosureReason,
    DateOnly? ReviewOn);

/// <summary>An action as it reads in minutes and action lists.</summary>
public sealed record ActionRow(
    Guid ActionId, string CaseReference, string Description, Guid OwnerAgencyId, string OwnerAgencyName,
    string? OwnerPersonName, DateOnly DueOn, DateOnly AgreedOn, ActionStatus Status, string? OutcomeNote,
    bool IsOverdue);

/// <summary>A version of the minutes; <see cref="IsSaved"/> is false for the draft read live before the chair saves it.</summary>
public sealed record MinutesVersionSummary(
    int Number, MinutesStatus Status, string CreatedByName, DateTimeOffset CreatedAt, string? FinalisedByName,
    DateTimeOffset? FinalisedAt, string? CorrectionReason, bool IsSaved = true);

/// <summary>One version of the minutes, ready to print.</summary>
public sealed record MinutesDocument(
    MinutesContent Content, MinutesVersionSummary Version, IReadOnlyList<MinutesVersionSummary> History,
    DateTimeOffset GeneratedAt, string GeneratedFor);

/// <summary>
/// The chair's working copy: the current version's text, every saved version so far, and the minutes as they print
/// (<see cref="Content"/>). <see cref="Version"/> is <see cref="Guid.Empty"/> while nothing is saved yet.
/// </summary>
public sealed record MinutesEditView(
    Guid MeetingId, string PanelName, DateTimeOffset StartsAt, MinutesVersionSummary Current, Guid Version,
    string? GeneralNotes, bool ConfidentialityStatementRead, IReadOnlyList<MinutesItemEdit> Items,
    IReadOnlyList<MinutesVersionSummary> Versions, MinutesContent Content)
{
    public bool IsSaved => Version != Guid.Empty;
}

public sealed record MinutesItemEdit(
    Guid AgendaItemId, int Order, string CaseReference, AgendaItemKind Kind, bool IsDeferred, DecisionOutcome? Outcome,
    string? Summary, string? Notes);

/// <summary>The chair's corrected text, sent back to save, finalise or correct.</summary>
public sealed record MinutesTexts(string? GeneralNotes, bool ConfidentialityStatementRead,
    IReadOnlyList<MinutesItemText> Items);

/// <summary>Actions for one agency (or all, grouped by agency) after a meeting, ordered by due date.</summary>
public sealed record ActionListDocument(
    string PanelName, DateTimeOffset MeetingStartsAt, string? AgencyName, IReadOnlyList<ActionListGroup> Groups,
    DateTimeOffset GeneratedAt, string GeneratedFor)
{
    public bool IsCombined => AgencyName is null;
}

public sealed record ActionListGroup(string AgencyName, IReadOnlyList<ActionRow> Actions);

/// <summary>The closed meeting whose action list an agency member can download from home.</summary>
public sealed record LatestActionList(Guid MeetingId, string PanelName, DateTimeOffset StartsAt, Guid AgencyId,
    int ActionCount);
