using System.Net.Mail;
using System.Security.Cryptography;
using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Import;

/// <summary>
/// A panel's members from a CSV list: each person with their agency and roles, and a sign-in that waits for the first
/// password an administrator gives them (People and sign-ins). Chairs in the list chair the panel imported into.
/// Checked and shown before saving, saved all together or not at all, audited; importing it again changes nothing.
/// </summary>
public interface IPeopleImport
{
    Task<ImportPreview> PreviewAsync(Actor actor, Guid panelId, string fileName, byte[] content, CancellationToken cancellationToken = default);
    Task<ImportSaved> SaveAsync(Actor actor, Guid panelId, string fileName, byte[] content, CancellationToken cancellationToken = default);
}

public sealed class PeopleImport(IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, NeedToKnow needToKnow,
    LiveMeetingReadModel liveRooms) : IPeopleImport
{
    const string Importing = "import people";

    public static readonly ImportColumn FullName = new("Full name", true, "Alex Example", "Name");
    public static readonly ImportColumn Email = new("Email", true, "alex.example@police.example", "Email address", "Work email");
    public static readonly ImportColumn JobTitle = new("Job title", false, "Domestic abuse analyst", "Title", "Role title");
    public static readonly ImportColumn Agency = new("Agency", true, "Police — domestic abuse team", "Organisation");
    public static readonly ImportColumn Roles = new("Role", true, "Agency member", "Roles");

    public static readonly IReadOnlyList<ImportColumn> Columns = [FullName, Email, JobTitle, Agency, Roles];

    public async Task<ImportPreview> PreviewAsync(Actor actor, Guid panelId, string fileName, byte[] content,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Importing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await AnalyseAsync(db, panelId, fileName, content, cancellationToken)).Preview;
    }

    public async Task<ImportSaved> SaveAsync(Actor actor, Guid panelId, string fileName, byte[] content,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Importing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (preview, people) = await AnalyseAsync(db, panelId, fileName, content, cancellationToken);
        CaseloadImport.ThrowUnlessSavable(preview);
        if (people.Count == 0) return new ImportSaved(0, preview.UnchangedRows);
        await IdentityRoles.EnsureAsync(db, cancellationToken);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        foreach (var row in people)
        {
            db.People.Add(row.Person);
            // A sign-in without a password cannot be used until an administrator gives the person their first one.
            var user = new DapPanelUser
            {
                UserName = row.Person.Email, Email = row.Person.Email, EmailConfirmed = true, PersonId = row.Person.Id, LockoutEnabled = true,
                NormalizedUserName = row.Person.Email!.ToUpperInvariant(), NormalizedEmail = row.Person.Email.ToUpperInvariant(),
                SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
            };
            db.Users.Add(user);
            db.UserRoles.AddRange(row.Roles.Select(r => new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[r.ToString()] }));
            if (row.Roles.Contains(Role.Chair)) db.PanelChairs.Add(new PanelChair { PanelId = panelId, PersonId = row.Person.Id });
        }
        audit.Add(db, actor, AuditAction.PermissionChanged,
            $"Imported {people.Count} people for {preview.PanelName} from {Path.GetFileName(fileName)}, with sign-ins waiting for a first password"
            + (preview.UnchangedRows > 0 ? $" ({preview.UnchangedRows} already held, unchanged)" : ""),
            after: string.Join("; ", people.Select(p => $"{p.Person.FullName}: {string.Join(", ", p.Roles.Select(r => r.Label()))}")));
        await db.SaveChangesAsync(cancellationToken);
        needToKnow.Forget(panelId);
        liveRooms.DirectoryChanged();
        return new ImportSaved(people.Count, preview.UnchangedRows);
    }

    sealed record NewPerson(Person Person, IReadOnlySet<Role> Roles);

    async Task<(ImportPreview Preview, List<NewPerson> People)> AnalyseAsync(DapPanelDbContext db, Guid panelId, string fileName,
        byte[] content, CancellationToken cancellationToken)
    {
        var panel = await db.Panels.AsNoTracking().Include(p => p.Members).SingleOrDefaultAsync(p => p.Id == panelId, cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        var people = new List<NewPerson>();
        ImportTable table;
        try
        {
            table = ImportTable.Read(fileName, content);
        }
        catch (ImportFileException unreadable)
        {
            return (new ImportPreview(ImportKind.People, fileName, panelId, panel.Name, [unreadable.Message], []), people);
        }
        var (at, fileProblems) = ImportColumns.Match(table, Columns);
        if (fileProblems.Count > 0) return (new ImportPreview(ImportKind.People, fileName, panelId, panel.Name, fileProblems, []), people);

        var agencies = await db.Agencies.AsNoTracking().Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var members = panel.Members.Select(m => m.AgencyId).ToHashSet();
        var held = await db.People.AsNoTracking().Where(p => p.Email != null)
            .Select(p => new { p.Id, p.FullName, p.Email, Agency = p.Agency!.Name, p.AgencyId }).ToListAsync(cancellationToken);
        var byEmail = held.GroupBy(p => p.Email!.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First());
        var signInEmails = (await db.Users.Select(u => u.NormalizedEmail).ToListAsync(cancellationToken)).OfType<string>().ToHashSet();
        string Cell(ImportLine line, ImportColumn column) => line.Cell(at[column]);
        var emailLines = table.Lines.GroupBy(l => Cell(l, Email).ToUpperInvariant()).Where(g => g.Key.Length > 0 && g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.Select(l => l.Number).ToList());

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
            var name = ImportColumns.Tidy(Cell(line, FullName));
            if (name.Length == 0) problems.Add("Full name is missing.");
            else if (name.Length > 200) problems.Add("Full name is at most 200 characters.");
            var email = Cell(line, Email);
            if (email.Length == 0) problems.Add("Email is missing: it is the person's sign-in name.");
            else if (email.Length > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
                problems.Add($"Email \"{ImportColumns.Clip(email)}\" is not an email address.");
            else if (emailLines.TryGetValue(email.ToUpperInvariant(), out var sameEmail))
                problems.Add($"{email} is on more than one row (rows {string.Join(", ", sameEmail)}).");
            var jobTitle = ImportColumns.Tidy(Cell(line, JobTitle));
            if (jobTitle.Length > 200) problems.Add("Job title is at most 200 characters.");

            var agencyText = ImportColumns.Tidy(Cell(line, Agency));
            var agency = agencies.FirstOrDefault(a => string.Equals(a.Name, agencyText, StringComparison.OrdinalIgnoreCase));
            if (agencyText.Length == 0) problems.Add("Agency is missing.");
            else if (agency is null)
                problems.Add($"Unknown agency \"{ImportColumns.Clip(agencyText)}\": use an agency's name as DapPanel has it "
                    + $"({string.Join(", ", agencies.Where(a => members.Contains(a.Id)).Select(a => a.Name).Take(12))}), or add it at Agencies first.");
            else if (!members.Contains(agency.Id))
                notes.Add($"{agency.Name} is not on {panel.Name}: its people see none of the panel's cases until it is.");

            var roles = new HashSet<Role>();
            var roleText = Cell(line, Roles);
            foreach (var part in ImportColumns.List(roleText))
            {
                if (ParseRole(part) is { } role) roles.Add(role);
                else problems.Add($"Role \"{ImportColumns.Clip(part)}\" is not Agency member, Chair, Manager or Administrator.");
            }
            if (roleText.Length == 0) problems.Add("Role is missing: Agency member, Chair, Manager or Administrator (several separated by semicolons).");

            var outcome = ImportRowOutcome.New;
            if (email.Length > 0 && byEmail.TryGetValue(email.ToUpperInvariant(), out var existing))
            {
                if (ImportColumns.Tidy(existing.FullName).Equals(name, StringComparison.OrdinalIgnoreCase) && existing.AgencyId == agency?.Id)
                    outcome = ImportRowOutcome.Unchanged;
                else problems.Add($"{email} already belongs to {existing.FullName} ({existing.Agency}): change them at People and sign-ins instead.");
            }
            else if (email.Length > 0 && signInEmails.Contains(email.ToUpperInvariant()))
                problems.Add($"{email} already has a sign-in: change it at People and sign-ins instead.");

            if (problems.Count > 0) outcome = ImportRowOutcome.Problem;
            if (outcome == ImportRowOutcome.Unchanged) notes.Add("Already in DapPanel: left as it is.");
            else if (outcome == ImportRowOutcome.New)
            {
                notes.Add("Sign-in waits for a first password (People and sign-ins).");
                if (roles.Contains(Role.Chair)) notes.Add($"Chairs {panel.Name}.");
            }
            rows.Add(new ImportRowView(line.Number, email.Length > 0 ? $"{name} <{email}>" : name, outcome, problems, notes));
            if (outcome == ImportRowOutcome.New)
                people.Add(new NewPerson(new Person
                {
                    FullName = name, Email = email, JobTitle = jobTitle.Length == 0 ? null : jobTitle, AgencyId = agency!.Id,
                }, roles));
        }
        return (new ImportPreview(ImportKind.People, fileName, panelId, panel.Name, [], rows), people);
    }

    static Role? ParseRole(string text) => ImportColumns.Key(text) switch
    {
        "agencymember" or "member" or "agency" => Role.AgencyMember,
        "chair" or "cochair" => Role.Chair,
        "manager" => Role.Manager,
        "administrator" or "admin" or "coordinator" => Role.Administrator,
        _ => null,
    };
}
