using System.Globalization;
using DapPanel.Core.Domain;

namespace DapPanel.App.Components.Shared;

/// <summary>Dates and times as the panel reads them: UK local time, British format.</summary>
public static class Display
{
    static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string When(DateTimeOffset instant) =>
        PanelTime.ToLocal(instant).ToString("ddd d MMM yyyy, HH:mm", British);

    public static string Day(DateTimeOffset instant) => PanelTime.ToLocal(instant).ToString("ddd d MMM yyyy", British);

    public static string Time(DateTimeOffset instant) => PanelTime.ToLocal(instant).ToString("HH:mm", British);

    /// <summary>An erased date of birth is stored as the earliest date and shows as a dash.</summary>
    public static string Day(DateOnly date) => date == DateOnly.MinValue ? "—" : date.ToString("d MMM yyyy", British);

    public static string Day(DateOnly? date) => date is { } d ? Day(d) : "—";

    public static string Minutes(int minutes) =>
        minutes >= 60 ? $"{minutes / 60} h {minutes % 60:00} min" : $"{minutes} min";

    /// <summary>A day as a native date input holds it (yyyy-MM-dd).</summary>
    public static string? IsoDay(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A native date input's value, or null when it is empty or not a date.</summary>
    public static DateOnly? ParseIsoDay(object? value) =>
        DateOnly.TryParseExact(value as string, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
