using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Import;

/// <summary>
/// A panel's open caseload from its previous records, as CSV or XLSX: every row checked and shown before anything is
/// saved; saved all together or not at all, and audited; a row already in DapPanel, the same, is left as it is, so
/// importing a file again changes nothing.
/// </summary>
public interface ICaseloadImport
{
    Task<ImportPreview> PreviewAsync(Actor actor, Guid panelId, string fileName, byte[] content, CancellationToken cancellationToken = default);
    Task<ImportSaved> SaveAsync(Actor actor, Guid panelId, string fileName, byte[] content, CancellationToken cancellationToken = default);
}

public sealed class CaseloadImport(IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, TimeProvider clock) : ICaseloadImport
{
    const string Importing = "import a panel's caseload";

    public static readonly ImportColumn Reference = new("Reference", true, "DAPP-25-014", "Case reference", "Ref");
    public static readonly ImportColumn PerpetratorName = new("Perpetrator name", true, "Mark Example", "Perpetrator", "Name", "Full name");
    public static readonly ImportColumn DateOfBirth = new("Date of birth", true, "1986-04-12", "DOB", "Perpetrator date of birth");
    public static readonly ImportColumn Aliases = new("Aliases", false, "Marky Example; M. Ex", "Also known as", "AKA");
    public static readonly ImportColumn VictimSurvivors = new("Victim-survivors", true, "Jane Example", "Victim survivors", "Victims", "Victim-survivor");
    public static readonly ImportColumn ChildrenCount = new("Children count", false, "2", "Children", "Number of children", "CYP");
    public static readonly ImportColumn ReferralSource = new("Referral source", true, "Police", "Source", "Referred by");
    public static readonly ImportColumn ReferralDate = new("Referral date", true, "2025-09-02", "Referred on", "Date referred");
    public static readonly ImportColumn Status = new("Status", true, "Accepted", "Case status");
    public static readonly ImportColumn AcceptedDate = new("Accepted date", false, "2025-09-16", "Accepted on", "Date accepted");
    public static readonly ImportColumn NextReviewDate = new("Next review date", false, "2026-01-20", "Review date", "Next review");
    public static readonly ImportColumn CaseManager = new("Case manager", false, "ravi.osprey@provider.example", "Case manager email");

    public static readonly IReadOnlyList<ImportColumn> Columns =
    [
        Reference, PerpetratorName, DateOfBirth, Aliases, VictimSurvivors, ChildrenCount, ReferralSource, ReferralDate, Status,
        AcceptedDate, NextReviewDate, CaseManager,
    ];

    public async Task<ImportPreview> PreviewAsync(Actor actor, Guid panelId, string fileName, byte[] content,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Importing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (preview, _) = await AnalyseAsync(db, panelId, fileName, content, cancellationToken);
        // Possible repeats name cases already in DapPanel: the preview is a disclosure, recorded once per view.
        var repeats = preview.Rows.Count(r => r.Problems.Concat(r.Notes).Any(t => t.Contains("repeat", StringComparison.OrdinalIgnoreCase)));
        await audit.RecordDisclosureAsync(actor,
            $"Previewed a caseload import for {preview.PanelName}: {preview.Rows.Count} rows, {repeats} shown beside cases already held",
            cancellationToken: cancellationToken);
        return preview;
    }

    public async Task<ImportSaved> SaveAsync(Actor actor, Guid panelId, string fileName, byte[] content,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Importing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Checked again from the file itself: what is saved is never what a page remembered.
        var (preview, cases) = await AnalyseAsync(db, panelId, fileName, content, cancellationToken);
        ThrowUnlessSavable(preview);
        if (preview.NewRows == 0) return new ImportSaved(0, preview.UnchangedRows);
        foreach (var (c, links) in cases)
        {
            db.Cases.Add(c);
            db.CaseLinks.AddRange(links);
        }
        audit.Add(db, actor, AuditAction.Changed,
            $"Imported {cases.Count} open cases into {preview.PanelName} from {Path.GetFileName(fileName)}"
            + (preview.UnchangedRows > 0 ? $" ({preview.UnchangedRows} already held, unchanged)" : ""),
            after: string.Join(", ", cases.Select(c => c.Case.Reference)));
        await db.SaveChangesAsync(cancellationToken);
        return new ImportSaved(cases.Count, preview.UnchangedRows);
    }

    internal static void ThrowUnlessSavable(ImportPreview preview)
    {
        if (preview.FileProblems.Count > 0) throw new InvalidInputException(preview.FileProblems);
        if (preview.RowsWithProblems > 0)
            throw new InvalidInputException(
                [$"{preview.RowsWithProblems} {(preview.RowsWithProblems == 1 ? "row has" : "rows have")} problems: nothing was saved. Fix them in the file and choose it again."]);
    }

    sealed record Held(Guid Id, Guid PanelId, string Reference, string Name, DateOnly DateOfBirth, List<string> Aliases, CaseStatus Status);

    async Task<(ImportPreview Preview, List<(Case Case, List<CaseLink> Links)> Cases)> AnalyseAsync(DapPanelDbContext db, Guid panelId,
        string fileName, byte[] content, CancellationToken cancellationToken)
    {
        var panel = await db.Panels.AsNoTracking().SingleOrDefaultAsync(p => p.Id == panelId, cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        var cases = new List<(Case, List<CaseLink>)>();
        ImportTable table;
        try
        {
            table = ImportTable.Read(fileName, content);
        }
        catch (ImportFileException unreadable)
        {
            return (new ImportPreview(ImportKind.Caseload, fileName, panelId, panel.Name, [unreadable.Message], []), cases);
        }
        var (at, fileProblems) = ImportColumns.Match(table, Columns);
        if (panel.IsArchived) fileProblems.Insert(0, $"{panel.Name} is archived and takes no new cases.");
        if (fileProblems.Count > 0) return (new ImportPreview(ImportKind.Caseload, fileName, panelId, panel.Name, fileProblems, []), cases);

        var held = (await db.Cases.AsNoTracking()
                .Select(c => new { c.Id, c.PanelId, c.Reference, c.Perpetrator.FullName, c.Perpetrator.DateOfBirth, c.Perpetrator.Aliases, c.Status })
                .ToListAsync(cancellationToken))
            .Select(c => new Held(c.Id, c.PanelId, c.Reference, c.FullName, c.DateOfBirth, c.Aliases, c.Status)).ToList();
        var byReference = held.ToDictionary(c => c.Reference, StringComparer.OrdinalIgnoreCase);
        var byName = held.SelectMany(c => c.Aliases.Append(c.Name).Select(n => (Key: NameKey(n), Case: c)))
            .ToLookup(x => x.Key, x => x.Case);
        var people = await db.People.AsNoTracking().Select(p => new { p.Id, p.FullName, p.Email }).ToListAsync(cancellationToken);
        var today = PanelTime.Today(clock);

        // Duplicates within the file, by reference and by person.
        string Cell(ImportLine line, ImportColumn column) => line.Cell(at[column]);
        var referenceLines = table.Lines.GroupBy(l => Cell(l, Reference).ToUpperInvariant()).Where(g => g.Key.Length > 0 && g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.Select(l => l.Number).ToList());
        var personLines = table.Lines.GroupBy(l => (NameKey(Cell(l, PerpetratorName)), Cell(l, DateOfBirth)))
            .Where(g => g.Key.Item1.Length > 0 && g.Count() > 1).ToDictionary(g => g.Key, g => g.Select(l => l.Number).ToList());

        var rows = new List<ImportRowView>();
        foreach (var line in table.Lines)
        {
            var problems = new List<string>();
            var notes = new List<string>();
            foreach (var column in Columns.Where(c => at[c] >= 0))
            {
                if (line.Formulas.Contains(at[column]))
                    problems.Add($"{column.Heading} (cell {ImportTable.ColumnName(at[column])}{line.Number}) is a formula: save the sheet with values only.");
                else if (ImportColumns.LooksLikeFormula(Cell(line, column)))
                    problems.Add($"{column.Heading} starts with \"{Cell(line, column)[0]}\", which a spreadsheet would run as a formula: remove it.");
            }

            var reference = Cell(line, Reference).ToUpperInvariant();
            if (reference.Length == 0) problems.Add("Reference is missing.");
            else if (reference.Length > 40 || !reference.All(c => char.IsLetterOrDigit(c) || c is '-' or '/' or '_' or '.'))
                problems.Add("Reference is at most 40 letters, digits, hyphens or slashes.");
            else if (referenceLines.TryGetValue(reference, out var sameReference))
                problems.Add($"Reference {reference} is on more than one row (rows {string.Join(", ", sameReference)}).");

            var name = ImportColumns.Tidy(Cell(line, PerpetratorName));
            if (name.Length == 0) problems.Add("Perpetrator name is missing.");
            else if (name.Length > 200) problems.Add("Perpetrator name is at most 200 characters.");

            var dateOfBirth = RequiredDate(line, DateOfBirth, problems, table.Format, Cell);
            if (dateOfBirth is { } dob && (dob > today.AddYears(-14) || dob < today.AddYears(-100)))
                problems.Add($"Date of birth {dob:d MMM yyyy} gives an age outside 14 to 100: check it.");
            if (name.Length > 0 && personLines.TryGetValue((NameKey(name), Cell(line, DateOfBirth)), out var samePerson))
                problems.Add($"{name} with this date of birth is on more than one row (rows {string.Join(", ", samePerson)}).");

            var aliases = ImportColumns.List(Cell(line, Aliases));
            if (aliases.Any(a => a.Length > 200)) problems.Add("An alias is at most 200 characters.");
            var victims = ImportColumns.List(Cell(line, VictimSurvivors));
            if (victims.Count == 0) problems.Add("Victim-survivors is missing: name at least one (several separated by semicolons).");
            else if (victims.Count > 10) problems.Add("At most 10 victim-survivors on one case.");
            else if (victims.Any(v => v.Length > 200)) problems.Add("A victim-survivor's name is at most 200 characters.");

            var children = 0;
            var childrenText = Cell(line, ChildrenCount);
            if (childrenText.Length > 0 && (!int.TryParse(childrenText, out children) || children is < 0 or > 20))
                problems.Add($"Children count \"{ImportColumns.Clip(childrenText)}\" is not a number from 0 to 20.");

            var source = ParseSource(Cell(line, ReferralSource));
            if (Cell(line, ReferralSource).Length == 0) problems.Add("Referral source is missing.");
            else if (source is null) problems.Add($"Referral source \"{ImportColumns.Clip(Cell(line, ReferralSource))}\" is not Police, MARAC or Other.");
            var referredOn = RequiredDate(line, ReferralDate, problems, table.Format, Cell);
            if (referredOn > today) problems.Add("Referral date is in the future.");

            var status = ParseStatus(Cell(line, Status));
            if (Cell(line, Status).Length == 0) problems.Add("Status is missing.");
            else if (status is null)
                problems.Add($"Status \"{ImportColumns.Clip(Cell(line, Status))}\" is not an open case's: Accepted, Review or Referred. Closed cases stay in the old records.");
            var acceptedOn = OptionalDate(line, AcceptedDate, problems, table.Format, Cell);
            if (status is CaseStatus.Accepted or CaseStatus.Review && acceptedOn is null && Cell(line, AcceptedDate).Length == 0)
                problems.Add("Accepted date is missing: an accepted case needs the date the panel accepted it.");
            if (status == CaseStatus.Referred && acceptedOn is not null) problems.Add("A referral not yet heard has no accepted date.");
            if (acceptedOn is { } accepted && referredOn is { } referred && accepted < referred) problems.Add("Accepted date is before the referral date.");
            if (acceptedOn > today) problems.Add("Accepted date is in the future.");
            var reviewOn = OptionalDate(line, NextReviewDate, problems, table.Format, Cell);
            if (reviewOn is { } review && acceptedOn is { } from && review <= from) problems.Add("Next review date is not after the accepted date.");

            Guid? caseManager = null;
            var managerText = ImportColumns.Tidy(Cell(line, CaseManager));
            if (managerText.Length > 0)
            {
                var matches = people.Where(p => string.Equals(p.Email, managerText, StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count == 0) matches = people.Where(p => NameKey(p.FullName) == NameKey(managerText)).ToList();
                if (matches.Count == 1) caseManager = matches[0].Id;
                else if (matches.Count > 1) problems.Add($"More than one person is called {managerText}: give the case manager's email instead.");
                else problems.Add($"Case manager {ImportColumns.Clip(managerText)} is not known to DapPanel: import people first, or leave it empty.");
            }

            var outcome = ImportRowOutcome.New;
            var links = new List<CaseLink>();
            if (reference.Length > 0 && byReference.TryGetValue(reference, out var existing))
            {
                if (existing.PanelId == panelId && NameKey(existing.Name) == NameKey(name) && existing.DateOfBirth == dateOfBirth)
                    outcome = ImportRowOutcome.Unchanged;
                else if (existing.PanelId != panelId)
                    problems.Add($"Reference {reference} is already used by another panel's case: give this case its own reference.");
                else
                    problems.Add($"Reference {reference} is already held for {existing.Name}, born {existing.DateOfBirth:d MMM yyyy}: check the row, or change the case in DapPanel.");
            }
            else if (name.Length > 0)
            {
                var candidates = aliases.Append(name).SelectMany(n => byName[NameKey(n)]).Distinct()
                    .Where(c => c.DateOfBirth == dateOfBirth || aliases.Any(a => NameKey(a) == NameKey(c.Name)) || c.Aliases.Any(a => NameKey(a) == NameKey(name)))
                    .ToList();
                foreach (var repeat in candidates)
                {
                    if (repeat.Status is CaseStatus.Referred or CaseStatus.Accepted or CaseStatus.Review)
                        problems.Add($"Possible repeat of {repeat.Reference}, an open case of the same person: remove this row, or correct its name or date of birth.");
                    else
                    {
                        notes.Add($"Repeats {repeat.Reference} ({repeat.Status.Label().ToLowerInvariant()}): saved with a link to it.");
                        links.Add(new CaseLink { LinkedCaseId = repeat.Id, Reason = "Same perpetrator, imported with the caseload" });
                    }
                }
            }

            if (problems.Count > 0) outcome = ImportRowOutcome.Problem;
            if (outcome == ImportRowOutcome.Unchanged) notes.Add("Already in DapPanel: left as it is.");
            rows.Add(new ImportRowView(line.Number, $"{(reference.Length > 0 ? reference : "(no reference)")} {name}".Trim(), outcome, problems, notes));
            if (outcome != ImportRowOutcome.New) continue;

            var c = new Case
            {
                PanelId = panelId, Reference = reference,
                Perpetrator = new Perpetrator { FullName = name, DateOfBirth = dateOfBirth!.Value, Aliases = aliases },
                ReferralSource = source!.Value, ReferredOn = referredOn!.Value, ChildrenCount = children,
                IsSerialPerpetrator = victims.Count > 1 || links.Count > 0, CaseManagerPersonId = caseManager,
            };
            c.VictimSurvivors.AddRange(victims.Select(v => new VictimSurvivor { FullName = v }));
            if (status is CaseStatus.Accepted or CaseStatus.Review) c.Accept(acceptedOn!.Value);
            c.ReviewDueOn = reviewOn;
            if (status == CaseStatus.Review) c.Status = CaseStatus.Review;
            foreach (var link in links) link.CaseId = c.Id;
            cases.Add((c, links));
        }
        return (new ImportPreview(ImportKind.Caseload, fileName, panelId, panel.Name, [], rows), cases);
    }

    static DateOnly? RequiredDate(ImportLine line, ImportColumn column, List<string> problems, ImportFormat format,
        Func<ImportLine, ImportColumn, string> cell)
    {
        var text = cell(line, column);
        if (text.Length == 0)
        {
            problems.Add($"{column.Heading} is missing.");
            return null;
        }
        return OptionalDate(line, column, problems, format, cell);
    }

    static DateOnly? OptionalDate(ImportLine line, ImportColumn column, List<string> problems, ImportFormat format,
        Func<ImportLine, ImportColumn, string> cell)
    {
        var text = cell(line, column);
        if (text.Length == 0) return null;
        if (ImportColumns.TryDate(text, format, out var date)) return date;
        problems.Add($"{column.Heading} \"{ImportColumns.Clip(text)}\" is not a date: {ImportColumns.DateHint}.");
        return null;
    }

    static ReferralSource? ParseSource(string text) => ImportColumns.Key(text) switch
    {
        "police" => Domain.ReferralSource.Police,
        "marac" => Domain.ReferralSource.Marac,
        "other" => Domain.ReferralSource.Other,
        _ => null,
    };

    static CaseStatus? ParseStatus(string text) => ImportColumns.Key(text) switch
    {
        "accepted" or "open" or "active" => CaseStatus.Accepted,
        "review" or "underreview" or "broughtbackforreview" => CaseStatus.Review,
        "referred" or "newreferral" or "awaitingpanel" => CaseStatus.Referred,
        _ => null,
    };

    /// <summary>Names compare without case or extra spaces, as the referral form's repeat check does.</summary>
    static string NameKey(string name) => ImportColumns.Tidy(name).ToLowerInvariant();
}
