using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;

namespace DapPanel.Core.LiveMeeting;

public enum ItemProgress { ToCome, Current, Heard, Deferred }

public sealed record LiveLever(Guid Id, Guid AgencyId, string AgencyName, LeverFamily Family, LeverArea Area,
    string Description, bool IsWithdrawn, bool OfferedAtThisMeeting, Guid Version);

public sealed record LiveDecision(DecisionOutcome Outcome, string Rationale, ClosureReason? ClosureReason,
    DateOnly? ReviewOn, string? ExtensionReason, string? RecordedByName, DateTimeOffset RecordedAt, Guid Version);

public sealed record LiveAction(Guid Id, string Description, Guid OwnerAgencyId, string OwnerAgencyName,
    Guid? OwnerPersonId, string? OwnerPersonName, DateOnly DueOn, ActionStatus Status, bool AgreedAtThisMeeting,
    bool IsOverdue, Guid Version);

/// <summary>The case card; Victims holds the victim-survivor and child tier as this viewer may see it.</summary>
public sealed record LiveCase(Guid Id, string Reference, string PerpetratorName, RiskLevel RiskLevel,
    ReferralSource ReferralSource, CaseStatus Status, bool IsSerialPerpetrator, int VictimCount, VictimInformation Victims,
    string? Summary, string? OffendingHistory, DateOnly? AcceptedOn, DateOnly? EarliestClosureOn, bool NeedsExtensionReason,
    bool IsRepeatReferral);

/// <param name="ReviewUpdateVersion">The case manager's update for a review item, as last saved (it is read by itself).</param>
public sealed record LiveItem(Guid Id, int Order, AgendaItemKind Kind, int PlannedMinutes, string? Focus,
    ItemProgress Progress, int ElapsedSeconds, DateTimeOffset? TimerStartedAt, LiveCase Case,
    LiveDecision? Decision, IReadOnlyList<LiveLever> Levers, IReadOnlyList<LiveAction> Actions, Guid? ReviewUpdateVersion = null)
{
    /// <summary>"DAPP-26-049 Lee Rowan": how a form names the case it adds to.</summary>
    public string CaseName => $"{Case.Reference} {Case.PerpetratorName}";

    public TimeSpan Elapsed(DateTimeOffset now) =>
        TimeSpan.FromSeconds(ElapsedSeconds) + (TimerStartedAt is { } started ? now - started : TimeSpan.Zero);

    public bool IsOverrun(DateTimeOffset now) => Elapsed(now) > TimeSpan.FromMinutes(PlannedMinutes);
}

public sealed record AgencyAtTable(Guid Id, string Name, AgencyKind Kind, IReadOnlyList<PersonOption> People);

public sealed record PersonOption(Guid Id, string FullName)
{
    /// <summary>
    /// An agency's people who may be named as an action's owner or marked at the table, by name: everyone but those
    /// who have left (DepartedPeople).
    /// </summary>
    public static ValueList<PersonOption> Offered(IEnumerable<Person> people, IReadOnlySet<Guid> departed) =>
        people.Where(p => !departed.Contains(p.Id)).OrderBy(p => p.FullName).Select(p => new PersonOption(p.Id, p.FullName))
            .ToValueList();
}

public sealed record PresentPerson(Guid PersonId, string FullName, Guid AgencyId, string AgencyName, DateTimeOffset JoinedAt);

/// <summary>Everything the live room shows, as of one saved version of the meeting.</summary>
public sealed record LiveMeetingView(
    Guid MeetingId, long Version, string PanelName, MeetingStatus Status, DateTimeOffset StartsAt, int PlannedMinutes,
    string? Location, string? OnlineLink, DateTimeOffset? StartedAt, Guid? CurrentItemId,
    IReadOnlyList<LiveItem> Items, IReadOnlyList<AgencyAtTable> Agencies, IReadOnlyList<Guid> CoreAgencyIds,
    IReadOnlyList<PresentPerson> Present)
{
    public LiveItem? CurrentItem => Items.FirstOrDefault(i => i.Id == CurrentItemId);

    /// <summary>
    /// The reader chairs this meeting's panel or administers the deployment. Someone with the chair role who sits on this
    /// panel for their agency is offered what a member is offered here.
    /// </summary>
    public bool ChairsOrAdministers { get; init; }

    public DateOnly Date => DateOnly.FromDateTime(PanelTime.ToLocal(StartsAt).DateTime);
}

public sealed record MeetingChanged(Guid MeetingId, long Version, string Kind, Guid? EntityId);

public sealed record ChangeEntry(long Version, string Kind, Guid? EntityId, string Summary, string? ActorName,
    DateTimeOffset At);
