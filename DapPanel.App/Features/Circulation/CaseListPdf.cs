using DapPanel.App.Components.Shared;
using DapPanel.App.Pdf;
using DapPanel.Core.Circulation;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;

namespace DapPanel.App.Features.Circulation;

/// <summary>
/// The circulated case list, for agencies to research their records: victim-survivors and children only for agencies
/// in the victims' safety plan (the list is already tiered by Core), never victims' addresses or contacts.
/// </summary>
public static class CaseListPdf
{
    public static byte[] Render(CaseListView list, string generatedFor, DateTimeOffset generatedAt)
    {
        using var pdf = Compose(list, generatedFor, generatedAt);
        return pdf.Render();
    }

    public static PdfLayout Compose(CaseListView list, string generatedFor, DateTimeOffset generatedAt)
    {
        var meeting = list.Meeting;
        var title = $"{meeting.PanelName} — case list";
        var pdf = new PdfLayout(title, new PdfRunningText(title, $"Meeting of {Display.Day(meeting.StartsAt)}",
            $"Generated {Display.When(generatedAt)} for {generatedFor}"));

        pdf.Title($"Case list — {meeting.PanelName}", $"{Display.When(meeting.StartsAt)} · {Display.Minutes(meeting.PlannedMinutes)}");
        var where = string.Join(" · ", new[] { meeting.Location, meeting.OnlineLink }.Where(w => !string.IsNullOrWhiteSpace(w)));
        if (where.Length > 0) pdf.Paragraph(where);
        pdf.Paragraph($"Circulated {(list.CirculatedAt is { } at ? Display.When(at) : "— not yet")}. "
            + $"Agency research is due by {Display.Day(list.ResearchDeadline)}: answer each case in DapPanel.", PdfStyles.Small);

        var table = new PdfTable(new("#", 0.6), new("Case", 2.4), new("Perpetrator", 2.6), new("Victim-survivors and CYP", 2.2),
            new("Focus", 4.0));
        foreach (var c in list.Cases)
            table.Row(c.Order.ToString(), $"{c.Reference} · {c.Kind.Label()} · {c.RiskLevel.Label()} risk",
                $"{c.PerpetratorName}, born {Display.Day(c.PerpetratorDateOfBirth)}"
                    + (c.Aliases.Count > 0 ? $"; also known as {string.Join(", ", c.Aliases)}" : ""),
                c.Victims.IsWithheld ? NeedToKnow.WithheldMarker
                    : $"{c.Victims.NamesText}; {c.Victims.ChildrenCount} children and young people",
                c.Focus);
        pdf.Table(table);

        if (list.Addendum.Count > 0)
        {
            pdf.Heading("Addendum: changes since circulation");
            var changes = new PdfTable(new("Case", 1.6), new("Change", 1.2), new("Detail", 4.0), new("When", 2.0));
            foreach (var change in list.Addendum)
                changes.Row(change.CaseReference, change.Kind.Label(), change.Detail, Display.When(change.ChangedAt));
            pdf.Table(changes);
        }
        pdf.Paragraph("Victim-survivors' addresses and contact details are never on this list. "
            + (list.Basis.SeesVictimDetails
                ? "Victim-survivor and child details are on this copy because its recipient's agency is in the victims' safety plan: do not pass it on."
                : "Victim-survivor and child details are withheld from this copy: they are shared only with agencies in the victims' safety plan.")
            + $" Shared under {(list.Basis.AgreementNumber is { } n ? $"the panel's information-sharing agreement, version {n}" : "no information-sharing agreement")}.",
            PdfStyles.Small);
        return pdf;
    }
}
