namespace DapPanel.Core.Domain;

/// <summary>Dates the panel sets at a meeting (an action's due date, a case's review date): near the meeting, never years off.</summary>
public static class PanelDates
{
    /// <summary>How far ahead a due or review date may be set: beyond it, a date is a slip of the keyboard.</summary>
    public const int MaxYearsAhead = 2;

    public static DateOnly Latest(DateOnly meetingDate) => meetingDate.AddYears(MaxYearsAhead);

    /// <summary>A date from the meeting's day on, at most <see cref="MaxYearsAhead"/> years after it.</summary>
    public static DateOnly From(DateOnly date, DateOnly meetingDate, string what)
    {
        if (date < meetingDate)
            throw new DomainRuleException($"The {what} cannot be before the meeting ({meetingDate:d MMM yyyy}).");
        return WithinReach(date, meetingDate, what);
    }

    /// <summary>A date after the meeting's day, at most <see cref="MaxYearsAhead"/> years after it.</summary>
    public static DateOnly After(DateOnly date, DateOnly meetingDate, string what)
    {
        if (date <= meetingDate)
            throw new DomainRuleException($"The {what} must be after this meeting ({meetingDate:d MMM yyyy}).");
        return WithinReach(date, meetingDate, what);
    }

    static DateOnly WithinReach(DateOnly date, DateOnly meetingDate, string what)
    {
        var latest = Latest(meetingDate);
        if (date > latest)
            throw new DomainRuleException(
                $"The {what} ({date:d MMM yyyy}) is more than {MaxYearsAhead} years after the meeting; choose a date by {latest:d MMM yyyy}.");
        return date;
    }
}
