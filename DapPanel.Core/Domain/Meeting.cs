namespace DapPanel.Core.Domain;

public class Meeting : Entity
{
    public Guid PanelId { get; set; }
    public Panel? Panel { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public int PlannedMinutes { get; set; } = 120;
    public string? Location { get; set; }
    public string? OnlineLink { get; set; }
    public MeetingStatus Status { get; set; } = MeetingStatus.Draft;
    public DateTimeOffset? CirculatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>The item the panel is hearing now, while live.</summary>
    public Guid? CurrentItemId { get; set; }
    public List<AgendaItem> AgendaItems { get; set; } = [];
    public List<Attendance> Attendances { get; set; } = [];

    public DateOnly Date => DateOnly.FromDateTime(StartsAt.Date);

    public void Circulate(DateTimeOffset now)
    {
        if (Status != MeetingStatus.Draft)
            throw new DomainRuleException($"Only a draft meeting can be circulated; this one is {Status.Label().ToLowerInvariant()}.");
        if (AgendaItems.Count == 0)
            throw new DomainRuleException("The agenda is empty: add at least one case before circulating.");
        if (StartsAt <= now)
            throw new DomainRuleException("The meeting has already started or is in the past.");
        Status = MeetingStatus.Circulated;
        CirculatedAt = now;
    }

    public void Start(DateTimeOffset now)
    {
        if (Status is not (MeetingStatus.Draft or MeetingStatus.Circulated))
            throw new DomainRuleException($"A {Status.Label().ToLowerInvariant()} meeting cannot be started.");
        Status = MeetingStatus.Live;
        StartedAt = now;
    }

    public void Close(DateTimeOffset now)
    {
        if (Status != MeetingStatus.Live)
            throw new DomainRuleException("Only a live meeting can be closed.");
        Status = MeetingStatus.Closed;
        ClosedAt = now;
    }
}

public class AgendaItem : Entity
{
    public Guid MeetingId { get; set; }
    public Meeting? Meeting { get; set; }
    public Guid CaseId { get; set; }
    public Case? Case { get; set; }
    public AgendaItemKind Kind { get; set; }
    public int Order { get; set; }
    public int PlannedMinutes { get; set; } = 7;
    /// <summary>What the panel needs to decide and what it needs from partners.</summary>
    public string? Focus { get; set; }
    public bool IsDeferred { get; set; }
    public Decision? Decision { get; set; }
    /// <summary>When the panel moved on from this item; null while it is still to come or current.</summary>
    public DateTimeOffset? HeardAt { get; set; }
    /// <summary>Seconds spent on this item before the timer was last paused.</summary>
    public int ElapsedSeconds { get; set; }
    /// <summary>When the running timer was started; null while paused.</summary>
    public DateTimeOffset? TimerStartedAt { get; set; }

    public TimeSpan Elapsed(DateTimeOffset now) =>
        TimeSpan.FromSeconds(ElapsedSeconds) + (TimerStartedAt is { } started ? now - started : TimeSpan.Zero);

    public void StartTimer(DateTimeOffset now) => TimerStartedAt ??= now;

    public void PauseTimer(DateTimeOffset now)
    {
        if (TimerStartedAt is null) return;
        ElapsedSeconds = (int)Math.Round(Elapsed(now).TotalSeconds);
        TimerStartedAt = null;
    }
}
