namespace DapPanel.Core.Domain;

/// <summary>Panels meet in UK local time; dates and times are stored in UTC and shown in this zone.</summary>
public static class PanelTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/London"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly Today(TimeProvider clock) => LocalDate(clock.GetUtcNow());

    /// <summary>The panel's calendar day at an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The instant of a local date and time at the panel.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
