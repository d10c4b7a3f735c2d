using DapPanel.Core.Domain;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace DapPanel.Core.Circulation;

/// <summary>The meeting as an iCalendar invitation (.ics) that agencies' calendars accept.</summary>
public static class CalendarInvitation
{
    public static string For(Meeting meeting, string panelName, string organiserEmail, string recipientName,
        string recipientEmail, string caseListUrl)
    {
        var description = $"{panelName} — OFFICIAL-SENSITIVE case list: {caseListUrl}";
        if (meeting.OnlineLink is not null) description += $"\nJoin online: {meeting.OnlineLink}";
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{meeting.Id:N}@dappanel",
            Summary = panelName,
            Description = description,
            Location = string.Join(" / ", new[] { meeting.Location, meeting.OnlineLink }.OfType<string>()),
            Start = new CalDateTime(meeting.StartsAt.UtcDateTime, "UTC"),
            End = new CalDateTime(meeting.StartsAt.AddMinutes(meeting.PlannedMinutes).UtcDateTime, "UTC"),
            Organizer = new Organizer($"MAILTO:{organiserEmail}"),
        };
        if (meeting.OnlineLink is not null) calendarEvent.Url = new Uri(meeting.OnlineLink);
        calendarEvent.Attendees.Add(new Attendee($"MAILTO:{recipientEmail}") { CommonName = recipientName, Rsvp = true });
        var calendar = new Calendar { Method = "REQUEST" };
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
