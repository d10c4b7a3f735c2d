using DapPanel.Core.Attendance;

namespace DapPanel.App.Features.Attendance;

/// <summary>The quorum in words, the same in the attendance panel, the room's header and before the meeting.</summary>
public static class QuorumText
{
    public static string Of(MeetingAttendanceView view) =>
        $"{(view.QuorumMet ? "Quorate" : "Not quorate")}: {view.CoreAtTable} of {view.CoreAgencies} core agencies at the table ({view.Quorum} needed)";

    /// <summary>For the room's header, where space is short.</summary>
    public static string Short(MeetingAttendanceView view) =>
        $"{(view.QuorumMet ? "Quorate" : "Not quorate")} · {view.CoreAtTable} of {view.CoreAgencies} core";
}
