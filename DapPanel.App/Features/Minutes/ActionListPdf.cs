using DapPanel.App.Components.Shared;
using DapPanel.App.Pdf;
using DapPanel.Core.Minutes;

namespace DapPanel.App.Features.Minutes;

/// <summary>An agency's actions after a meeting (or every agency's, for chairs), ordered by due date.</summary>
public static class ActionListPdf
{
    public static byte[] Render(ActionListDocument list)
    {
        using var pdf = Compose(list);
        return pdf.Render();
    }

    public static PdfLayout Compose(ActionListDocument list)
    {
        var who = list.AgencyName ?? "all agencies";
        var title = $"{list.PanelName} — action list for {who}";
        var pdf = new PdfLayout(title, new PdfRunningText(title, $"Meeting of {Display.Day(list.MeetingStartsAt)}",
            $"Generated {Display.When(list.GeneratedAt)} for {list.GeneratedFor}"));

        pdf.Title($"Action list — {who}", $"{list.PanelName} · meeting of {Display.Day(list.MeetingStartsAt)}");
        pdf.Paragraph((list.IsCombined ? "Every agency's actions" : "The actions this agency owns")
            + " after the meeting: those agreed at it and any still open from earlier meetings, ordered by due date. "
            + "Record each outcome in DapPanel before the next panel; open actions come back to it.", PdfStyles.Small);

        var count = list.Groups.Sum(g => g.Actions.Count);
        if (count == 0) pdf.Paragraph(list.IsCombined ? "No actions are open." : "This agency has no actions from this meeting and none still open.");
        foreach (var group in list.Groups.Where(g => g.Actions.Count > 0))
        {
            if (list.IsCombined) pdf.Heading($"{group.AgencyName} ({group.Actions.Count})");
            var table = new PdfTable(new("Due", 1.8), new("Case", 1.85), new("Action", 4.0), new("Person", 1.5),
                new("Agreed", 1.8), new("Status", 1.7));
            foreach (var a in group.Actions)
                table.Add(new PdfRow([Display.Day(a.DueOn), a.CaseReference, a.Description, a.OwnerPersonName ?? "—",
                    Display.Day(a.AgreedOn), MinutesWording.ActionStatus(a)],
                    CellStyles: a.IsOverdue ? [PdfStyles.TableText with { Bold = true, Colour = PdfStyles.Marking }] : null));
            pdf.Table(table);
        }
        return pdf;
    }
}
