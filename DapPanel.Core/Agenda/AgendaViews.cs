using DapPanel.Core.Domain;

namespace DapPanel.Core.Agenda;

/// <summary>A panel a meeting can be made for, with what its meetings usually are.</summary>
public sealed record PanelOption(Guid Id, string Name, int DefaultMeetingMinutes, string? UsualLocation = null,
    string? UsualOnlineLink = null);

public sealed record MeetingHeading(
    Guid Id, string PanelName, DateTimeOffset StartsAt, int PlannedMinutes, string? Location, string? OnlineLink,
    MeetingStatus Status, Guid Version)
{
    public DateOnly Date => DateOnly.FromDateTime(PanelTime.ToLocal(StartsAt).DateTime);
}

public sealed record AgendaBuilderItem(
    Guid Id, int Order, Guid CaseId, string CaseReference, string PerpetratorName, AgendaItemKind Kind, RiskLevel RiskLevel,
    int PlannedMinutes, string? Focus);

/// <summary>A case the agenda could take, with the kinds of item it fits and why.</summary>
public sealed record AgendaCandidate(
    Guid CaseId, string CaseReference, string PerpetratorName, RiskLevel RiskLevel, IReadOnlyList<AgendaItemKind> Kinds,
    IReadOnlyList<string> Reasons, bool NeedsExtensionReason);

public sealed record AgendaBuilderView(
    MeetingHeading Meeting, IReadOnlyList<AgendaBuilderItem> Items, IReadOnlyList<AgendaCandidate> Candidates,
    int UnnotifiedChanges)
{
    public int PlannedTotal => Items.Sum(i => i.PlannedMinutes);
    public bool IsOverLength => PlannedTotal > Meeting.PlannedMinutes;
    public bool CanEdit => Meeting.Status is MeetingStatus.Draft or MeetingStatus.Circulated;
}

/// <summary>The new-meeting form.</summary>
public sealed class NewMeetingInput
{
    public Guid? PanelId { get; set; }
    public DateOnly? Date { get; set; }
    public TimeOnly? StartTime { get; set; } = new(10, 0);
    public int PlannedMinutes { get; set; } = 120;
    public string? Location { get; set; }
    public string? OnlineLink { get; set; }

    public const int MinMinutes = 30;
    public const int MaxMinutes = 480;

    public List<string> Problems(DateTimeOffset now)
    {
        var problems = new List<string>();
        if (PanelId is null || PanelId == Guid.Empty) problems.Add("Choose the panel.");
        if (Date is null) problems.Add("Give the meeting's date.");
        if (StartTime is null) problems.Add("Give the start time.");
        if (Date is { } d && StartTime is { } t && PanelTime.At(d, t) <= now)
            problems.Add("The meeting must be in the future.");
        if (PlannedMinutes is < MinMinutes or > MaxMinutes)
            problems.Add($"The planned length must be between {MinMinutes} and {MaxMinutes} minutes.");
        if (PlainText.IsBlank(Location) && PlainText.IsBlank(OnlineLink))
            problems.Add("Give a room, an online link, or both.");
        if (Location?.Trim().Length > 300) problems.Add("The room is at most 300 characters.");
        if (!PlainText.IsBlank(OnlineLink))
        {
            if (OnlineLink.Trim().Length > 500) problems.Add("The online link is at most 500 characters.");
            else if (!Uri.TryCreate(OnlineLink.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                problems.Add("The online link must be a full web address starting https://.");
        }
        return problems;
    }
}
