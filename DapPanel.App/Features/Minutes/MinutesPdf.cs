using DapPanel.App.Components.Shared;
using DapPanel.App.Pdf;
using DapPanel.Core.Attendance;
using DapPanel.Core.Domain;
using DapPanel.Core.Minutes;

namespace DapPanel.App.Features.Minutes;

/// <summary>The minutes of one meeting as a PDF, laid out through <see cref="PdfLayout"/>.</summary>
public static class MinutesPdf
{
    public static byte[] Render(MinutesDocument document)
    {
        using var pdf = Compose(document);
        return pdf.Render();
    }

    /// <summary>The minutes laid out, ready to render.</summary>
    public static PdfLayout Compose(MinutesDocument document)
    {
        var m = document.Content;
        var version = document.Version;
        var title = $"{m.PanelName} — minutes of {Display.Day(m.StartsAt)}";
        var pdf = new PdfLayout(title, new PdfRunningText(title,
            $"Version {version.Number} · {version.Status.Label()}",
            $"Generated {Display.When(document.GeneratedAt)} for {document.GeneratedFor}"));

        pdf.Title("Minutes of the panel meeting", $"{m.PanelName} · {Display.Day(m.StartsAt)}");
        if (!version.IsSaved)
            pdf.Callout("DRAFT — not yet saved or finalised by the chair. Read from the meeting's records on "
                + $"{Display.When(document.GeneratedAt)}; it will change as the chair corrects it.", PdfStyles.Warning, PdfStyles.Marking);
        else if (version.Status == MinutesStatus.Draft)
            pdf.Callout($"DRAFT — not yet finalised by the chair. Version {version.Number}, drafted by "
                + $"{version.CreatedByName} on {Display.When(version.CreatedAt)}.", PdfStyles.Warning, PdfStyles.Marking);
        else if (version.CorrectionReason is not null)
            pdf.Callout($"Version {version.Number} corrects version {version.Number - 1}. Corrected by "
                + $"{version.CreatedByName} on {Display.When(version.CreatedAt)}. Reason: {version.CorrectionReason}");

        pdf.Table(Facts(m, version));
        Attendance(pdf, m);
        pdf.Heading("Confidentiality");
        pdf.Paragraph(MinutesWording.Confidentiality(m.ConfidentialityStatementRead));
        if (m.GeneralNotes is not null)
            pdf.Heading("General notes").Paragraph(m.GeneralNotes);

        pdf.Heading(MinutesWording.CasesHeading(m.Items.Count, m.DeferredItems.Count()));
        foreach (var item in m.Items) Item(pdf, item);

        pdf.Heading("Items deferred");
        var deferred = m.DeferredItems.ToList();
        if (deferred.Count == 0) pdf.Paragraph("No item was deferred.");
        else pdf.List(deferred.Select(i => $"{i.Order}. {i.CaseReference} — {i.Kind.Label()}"));

        pdf.Heading("Actions from earlier meetings");
        if (m.OutstandingActions.Count == 0)
            pdf.Paragraph("No actions from earlier meetings came back to this one.");
        else
            pdf.Paragraph("Actions agreed at the previous meeting, and older ones still open, with their status.", PdfStyles.Small)
                .Table(ActionTable(m.OutstandingActions, withCase: true));

        pdf.Heading("Version history");
        var history = new PdfTable(new("Version", 0.8), new("Status", 0.8), new("Drafted or corrected", 2.2),
            new("Finalised", 2.2), new("Reason for correction", 3));
        foreach (var h in document.History)
            history.Row(h.Number.ToString(), h.Status.Label(), h.IsSaved ? $"{h.CreatedByName}, {Display.When(h.CreatedAt)}" : "Not yet saved",
                h.FinalisedAt is { } at ? $"{h.FinalisedByName}, {Display.When(at)}" : "—", h.CorrectionReason ?? "—");
        pdf.Table(history);
        return pdf;
    }

    static PdfTable Facts(MinutesContent m, MinutesVersionSummary version)
    {
        var facts = new PdfTable(new PdfColumn("", 1.1), new PdfColumn("", 4)) { Plain = true };
        var label = PdfStyles.BodyBold with { Colour = PdfStyles.Muted };
        foreach (var (name, value) in MinutesWording.Facts(m, version)) facts.Add(new PdfRow([name, value], CellStyles: [label, null]));
        return facts;
    }

    static void Attendance(PdfLayout pdf, MinutesContent m)
    {
        pdf.Heading("Attendance");
        var table = new PdfTable(new("Agency", 3), new("Name", 2.4), new("Attendance", 2.4), new("Where", 1.4));
        foreach (var a in m.Attendance)
            table.Row(a.AgencyName, (a.PersonName ?? "—") + (a.IsObserver ? " (observer)" : ""), MinutesWording.Attendance(a),
                MinutesWording.Where(a.Status));
        if (m.Attendance.Count == 0) pdf.Paragraph("No attendance was recorded.");
        else pdf.Table(table, spaceAfter: 4);
        pdf.Paragraph(MinutesWording.Apologies(m));
        foreach (var note in MinutesWording.ApologyNotes(m)) pdf.Paragraph(note, PdfStyles.Small);
        pdf.Paragraph(MinutesWording.CoreAgencies(m), m.AbsentCoreAgencies.Count == 0 ? PdfStyles.Body : PdfStyles.Warning);
    }

    static void Item(PdfLayout pdf, MinutesItem item)
    {
        pdf.Heading($"{item.Order}. {item.CaseReference} — {item.Kind.Label()}", level: 2);
        if (item.IsDeferred)
        {
            pdf.Paragraph("Deferred to a later panel; no decision was made.", PdfStyles.Warning);
            return;
        }
        pdf.Label("Summary shown at the panel").Paragraph(item.Summary ?? "No summary was shown.");

        if (item.Levers.Count > 0)
        {
            var levers = new PdfTable(new("Agency", 2.6), new("Lever", 1.3), new("Area", 2.2), new("What the agency holds", 4.2))
                { Caption = "Levers by agency" };
            foreach (var l in item.Levers) levers.Row(l.AgencyName, l.Family.Label(), l.Area.Label(), l.Description);
            pdf.Table(levers, spaceAfter: 5);
        }
        else pdf.Paragraph("No agency recorded a lever for this case.", PdfStyles.Small);

        if (item.Decision is { } d) pdf.Callout(MinutesWording.Decision(d), PdfStyles.Body, title: $"Decision: {d.Outcome.Label()}");
        else pdf.Callout("No decision was recorded.", PdfStyles.Warning, PdfStyles.Marking);
        if (item.Notes is not null)
            pdf.Label("Notes").Paragraph(item.Notes);
        if (item.Actions.Count > 0)
            pdf.Table(ActionTable(item.Actions, withCase: false, "Actions agreed"));
        else pdf.Paragraph("No actions were agreed.", PdfStyles.Small);
    }

    public static PdfTable ActionTable(IEnumerable<ActionRow> actions, bool withCase, string? caption = null)
    {
        var columns = new List<PdfColumn>();
        if (withCase) columns.Add(new("Case", 1.9));
        columns.AddRange([new("Action agreed", 4.0), new("Owner agency", 2.4), new("Person", 1.6), new("Due", 1.9)]);
        if (withCase) columns.Add(new("Status", 1.8));
        var table = new PdfTable([.. columns]) { Caption = caption };
        foreach (var a in actions)
        {
            var cells = new List<string?>();
            if (withCase) cells.Add(a.CaseReference);
            cells.AddRange([a.Description, a.OwnerAgencyName, a.OwnerPersonName ?? "—", Display.Day(a.DueOn)]);
            if (withCase) cells.Add(MinutesWording.ActionStatus(a));
            table.Row([.. cells]);
        }
        return table;
    }
}
