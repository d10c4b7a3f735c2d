namespace DapPanel.Core.Domain;

public class Attendance : Entity
{
    public Guid MeetingId { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public Guid? PersonId { get; set; }
    public Person? Person { get; set; }
    public AttendanceStatus Status { get; set; }
    public bool IsObserver { get; set; }
    public DateTimeOffset? JoinedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
}
