using System.Security.Cryptography;
using DapPanel.Core.Administration;
using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Panels;

/// <summary>
/// Administrators create, rename and archive panels, choose each panel's member agencies and its chairs
/// (docs/decisions/0019-panels.md). Every change of who sits on a panel is a permission change: audited as one, and
/// applied to the need-to-know rule at once.
/// </summary>
public interface IPanelAdministration
{
    Task<IReadOnlyList<PanelListRow>> ListAsync(Actor actor, CancellationToken cancellationToken = default);
    Task<PanelDetail> GetAsync(Actor actor, Guid panelId, CancellationToken cancellationToken = default);
    Task<PanelSetupProgress> ProgressAsync(Actor actor, Guid panelId, CancellationToken cancellationToken = default);
    Task<Guid> CreateAsync(Actor actor, PanelInput input, CancellationToken cancellationToken = default);
    Task UpdateAsync(Actor actor, Guid panelId, PanelInput input, Guid expectedVersion, CancellationToken cancellationToken = default);
    Task ArchiveAsync(Actor actor, Guid panelId, bool archived, Guid expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Adds the chosen template agencies as members: an agency of the same name is reused, so one agency sits on several panels.</summary>
    Task AddAgenciesAsync(Actor actor, Guid panelId, IReadOnlyList<TemplateAgency> agencies, CancellationToken cancellationToken = default);

    /// <summary>Puts an existing agency on the panel, or takes it off, or changes whether it is core.</summary>
    Task SetMemberAsync(Actor actor, Guid panelId, Guid agencyId, bool isMember, bool isCore, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ChairCandidate>> ChairCandidatesAsync(Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Makes a person with a sign-in a chair of the panel, giving them the chair role if they lack it.</summary>
    Task AddChairAsync(Actor actor, Guid panelId, Guid personId, CancellationToken cancellationToken = default);

    Task RemoveChairAsync(Actor actor, Guid panelId, Guid personId, CancellationToken cancellationToken = default);
}

public sealed class PanelAdministration(
    IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, NeedToKnow needToKnow, LiveMeetingReadModel liveRooms,
    SignInChanges signIns, TimeProvider clock) : IPanelAdministration
{
    const string Managing = "set up and change panels";

    public async Task<IReadOnlyList<PanelListRow>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Panels.AsNoTracking().Select(p => new
        {
            p.Id, p.Name, p.Area, Agencies = p.Members.Count, Chairs = p.Chairs.Count,
            OpenCases = db.Cases.Count(c => c.PanelId == p.Id && (c.Status == CaseStatus.Accepted || c.Status == CaseStatus.Review)),
            Meetings = db.Meetings.Count(m => m.PanelId == p.Id),
            Agreement = db.InformationSharingAgreements.Where(a => a.PanelId == p.Id).Max(a => (int?)a.Number),
            p.ArchivedAt, p.Version,
        }).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.ArchivedAt is not null).ThenBy(r => r.Name)
            .Select(r => new PanelListRow(r.Id, r.Name, r.Area, r.Agencies, r.Chairs, r.OpenCases, r.Meetings, r.Agreement, r.ArchivedAt, r.Version))
            .ToList();
    }

    public async Task<PanelDetail> GetAsync(Actor actor, Guid panelId, CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panel = await db.Panels.AsNoTracking().SingleOrDefaultAsync(p => p.Id == panelId, cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        var members = await db.PanelMemberships.AsNoTracking().Where(m => m.PanelId == panelId)
            .OrderByDescending(m => m.IsCore).ThenBy(m => m.Agency!.Name)
            .Select(m => new PanelMemberView(m.Id, m.AgencyId, m.Agency!.Name, m.Agency.Kind, m.IsCore, m.Version))
            .ToListAsync(cancellationToken);
        var chairs = await db.PanelChairs.AsNoTracking().Where(c => c.PanelId == panelId).OrderBy(c => c.Person!.FullName)
            .Select(c => new PanelChairView(c.PersonId, c.Person!.FullName, c.Person.Agency!.Name, c.Person.Email))
            .ToListAsync(cancellationToken);
        var agreement = await db.InformationSharingAgreements.Where(a => a.PanelId == panelId).MaxAsync(a => (int?)a.Number, cancellationToken);
        return new PanelDetail(panel.Id, Input(panel), members, chairs, agreement, panel.ArchivedAt, panel.Version);
    }

    public async Task<PanelSetupProgress> ProgressAsync(Actor actor, Guid panelId, CancellationToken cancellationToken = default)
    {
        var detail = await GetAsync(actor, panelId, cancellationToken);
        return new PanelSetupProgress(panelId, detail.Name, detail.Members.Count, detail.AgreementNumber, detail.Chairs.Count);
    }

    public async Task<Guid> CreateAsync(Actor actor, PanelInput input, CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, input, null, cancellationToken);
        var panel = new Panel { Name = input.Name.Trim(), Area = input.Area.Trim() };
        Apply(panel, input);
        db.Panels.Add(panel);
        audit.Add(db, actor, AuditAction.Changed, $"Created the panel {panel.Name} ({panel.Area})", after: Describe(panel));
        await db.SaveChangesAsync(cancellationToken);
        return panel.Id;
    }

    public async Task UpdateAsync(Actor actor, Guid panelId, PanelInput input, Guid expectedVersion,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panel = await LoadAsync(db, panelId, expectedVersion, cancellationToken);
        await ValidateAsync(db, input, panelId, cancellationToken);
        var before = Describe(panel);
        var renamed = panel.Name != input.Name.Trim();
        Apply(panel, input);
        audit.Add(db, actor, AuditAction.Changed,
            renamed ? $"Renamed the panel {before.Split(';')[0]} to {panel.Name}" : $"Changed {panel.Name}'s details",
            before: before, after: Describe(panel));
        await SaveAsync(db, panel.Name, cancellationToken);
        liveRooms.DirectoryChanged(); // open rooms show the panel's name
    }

    public async Task ArchiveAsync(Actor actor, Guid panelId, bool archived, Guid expectedVersion,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panel = await LoadAsync(db, panelId, expectedVersion, cancellationToken);
        if (panel.IsArchived == archived) return;
        if (archived && await db.Meetings.AnyAsync(m => m.PanelId == panelId
                && (m.Status == MeetingStatus.Live || m.Status == MeetingStatus.Circulated || m.Status == MeetingStatus.Draft), cancellationToken))
            throw new DomainRuleException(
                $"{panel.Name} has meetings not yet held. Close or remove them first: an archived panel holds no more meetings.");
        panel.ArchivedAt = archived ? clock.GetUtcNow() : null;
        audit.Add(db, actor, AuditAction.Changed,
            archived ? $"Archived the panel {panel.Name}: it keeps its records and takes no new meetings or cases"
                : $"Restored the panel {panel.Name}");
        await SaveAsync(db, panel.Name, cancellationToken);
    }

    public async Task AddAgenciesAsync(Actor actor, Guid panelId, IReadOnlyList<TemplateAgency> agencies,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        var chosen = agencies.Where(a => a.Chosen).ToList();
        var problems = new List<string>();
        if (chosen.Count == 0) problems.Add("Choose at least one agency for the panel.");
        foreach (var agency in chosen)
        {
            if (PlainText.IsBlank(agency.Name)) problems.Add("Each chosen agency needs a name.");
            else if (agency.Name.Trim().Length > 200) problems.Add($"\"{agency.Name.Trim()[..40]}…\" is longer than 200 characters.");
            if (!Enum.IsDefined(agency.Kind)) problems.Add("Choose each agency's kind from the list.");
        }
        if (chosen.GroupBy(a => a.Name.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            problems.Add($"{twice.Key} is chosen twice.");
        InvalidInputException.ThrowIfAny(problems);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panel = await db.Panels.Include(p => p.Members).SingleOrDefaultAsync(p => p.Id == panelId, cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        var existing = await db.Agencies.ToListAsync(cancellationToken);
        var today = PanelTime.Today(clock);
        var added = new List<string>();
        foreach (var choice in chosen)
        {
            var name = choice.Name.Trim();
            var agency = existing.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
            if (agency is null)
            {
                agency = new Agency { Name = name, Kind = choice.Kind };
                db.Agencies.Add(agency);
                existing.Add(agency);
            }
            if (panel.Members.Any(m => m.AgencyId == agency.Id)) continue;
            // Added through its set, not the panel's list: a new row with its key already set would be taken for an existing one.
            panel.Members.Add(db.PanelMemberships.Add(new PanelMembership
            {
                PanelId = panel.Id, AgencyId = agency.Id, IsCore = choice.IsCore, JoinedOn = today,
            }).Entity);
            added.Add(agency.Name + (choice.IsCore ? " (core)" : ""));
        }
        if (added.Count == 0) throw new DomainRuleException("Every chosen agency already sits on the panel.");
        audit.Add(db, actor, AuditAction.PermissionChanged, $"Added {added.Count} agencies to {panel.Name}",
            after: string.Join("; ", added));
        await db.SaveChangesAsync(cancellationToken);
        Applied(panelId);
    }

    public async Task SetMemberAsync(Actor actor, Guid panelId, Guid agencyId, bool isMember, bool isCore,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panel = await db.Panels.Include(p => p.Members).SingleOrDefaultAsync(p => p.Id == panelId, cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken)
            ?? throw new NotFoundException("That agency does not exist.");
        var membership = panel.Members.SingleOrDefault(m => m.AgencyId == agencyId);
        string summary;
        if (!isMember)
        {
            if (membership is null) return;
            panel.Members.Remove(membership);
            db.PanelMemberships.Remove(membership);
            if (panel.QuorumCoreAgencies > panel.Members.Count(m => m.IsCore) && panel.Members.Any(m => m.IsCore))
                panel.QuorumCoreAgencies = panel.Members.Count(m => m.IsCore);
            summary = $"Took {agency.Name} off {panel.Name}: its people no longer see the panel's cases";
        }
        else if (membership is null)
        {
            panel.Members.Add(db.PanelMemberships.Add(new PanelMembership
            {
                PanelId = panel.Id, AgencyId = agencyId, IsCore = isCore, JoinedOn = PanelTime.Today(clock),
            }).Entity);
            summary = $"Put {agency.Name} on {panel.Name}" + (isCore ? " as a core agency" : "");
        }
        else
        {
            if (membership.IsCore == isCore) return;
            membership.IsCore = isCore;
            if (!isCore && panel.QuorumCoreAgencies > panel.Members.Count(m => m.IsCore) && panel.Members.Any(m => m.IsCore))
                panel.QuorumCoreAgencies = panel.Members.Count(m => m.IsCore);
            summary = $"{agency.Name} is {(isCore ? "now" : "no longer")} a core agency of {panel.Name}";
        }
        audit.Add(db, actor, AuditAction.PermissionChanged, summary);
        await SaveAsync(db, panel.Name, cancellationToken);
        Applied(panelId);
    }

    public async Task<IReadOnlyList<ChairCandidate>> ChairCandidatesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var chairRole = await db.Roles.Where(r => r.Name == nameof(Role.Chair)).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken);
        return await (from user in db.Users.Where(u => u.IsActive)
                join person in db.People on user.PersonId equals person.Id
                orderby person.FullName
                select new ChairCandidate(person.Id, person.FullName, person.Agency!.Name,
                    db.UserRoles.Any(r => r.UserId == user.Id && r.RoleId == chairRole)))
            .ToListAsync(cancellationToken);
    }

    public async Task AddChairAsync(Actor actor, Guid panelId, Guid personId, CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panel = await db.Panels.SingleOrDefaultAsync(p => p.Id == panelId, cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new NotFoundException("That person does not exist.");
        var user = await db.Users.SingleOrDefaultAsync(u => u.PersonId == personId, cancellationToken)
            ?? throw new DomainRuleException($"{person.FullName} has no sign-in: add one at People and sign-ins first.");
        if (!user.IsActive) throw new DomainRuleException($"{person.FullName}'s sign-in is disabled.");
        if (await db.PanelChairs.AnyAsync(c => c.PanelId == panelId && c.PersonId == personId, cancellationToken))
            throw new DomainRuleException($"{person.FullName} already chairs {panel.Name}.");
        db.PanelChairs.Add(new PanelChair { PanelId = panelId, PersonId = personId });
        await IdentityRoles.EnsureAsync(db, cancellationToken);
        var chairRole = await db.Roles.Where(r => r.Name == nameof(Role.Chair)).Select(r => r.Id).SingleAsync(cancellationToken);
        var granted = !await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == chairRole, cancellationToken);
        if (granted)
        {
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = chairRole });
            // The role is in the person's sign-in: a new stamp makes their open sessions sign in again to get it.
            user.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
        audit.Add(db, actor, AuditAction.PermissionChanged,
            $"Made {person.FullName} a chair of {panel.Name}" + (granted ? ", with the chair role" : ""), after: "Chair");
        await db.SaveChangesAsync(cancellationToken);
        if (granted) signIns.Revoke(user.Id);
        Applied(panelId);
    }

    public async Task RemoveChairAsync(Actor actor, Guid panelId, Guid personId, CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var chair = await db.PanelChairs.SingleOrDefaultAsync(c => c.PanelId == panelId && c.PersonId == personId, cancellationToken)
            ?? throw new NotFoundException("That person does not chair this panel.");
        var names = await db.PanelChairs.Where(c => c.Id == chair.Id)
            .Select(c => new { Person = c.Person!.FullName, Panel = db.Panels.Where(p => p.Id == panelId).Select(p => p.Name).Single() })
            .SingleAsync(cancellationToken);
        db.PanelChairs.Remove(chair);
        audit.Add(db, actor, AuditAction.PermissionChanged, $"{names.Person} no longer chairs {names.Panel}", before: "Chair");
        await db.SaveChangesAsync(cancellationToken);
        Applied(panelId);
    }

    /// <summary>Who sits on the panel changed: this node's need-to-know rule and open rooms see it at once.</summary>
    void Applied(Guid panelId)
    {
        needToKnow.Forget(panelId);
        liveRooms.DirectoryChanged();
    }

    static async Task<Panel> LoadAsync(DapPanelDbContext db, Guid panelId, Guid expectedVersion, CancellationToken cancellationToken)
    {
        var panel = await db.Panels.SingleOrDefaultAsync(p => p.Id == panelId, cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        if (panel.Version != expectedVersion)
            throw new ConcurrencyConflictException(
                $"Someone else changed {panel.Name} since you opened the page. It has been reloaded: check it and try again.");
        return panel;
    }

    static async Task SaveAsync(DapPanelDbContext db, string name, CancellationToken cancellationToken)
    {
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException($"Someone else saved {name} at the same moment. It has been reloaded: check it and try again.");
        }
    }

    static async Task ValidateAsync(DapPanelDbContext db, PanelInput input, Guid? panelId, CancellationToken cancellationToken)
    {
        var problems = input.Problems();
        if (problems.Count == 0)
        {
            var lowered = input.Name.Trim().ToLower();
            if (await db.Panels.AnyAsync(p => p.Id != panelId && p.Name.ToLower() == lowered, cancellationToken))
                problems.Add($"There is already a panel called {input.Name.Trim()}.");
        }
        InvalidInputException.ThrowIfAny(problems);
    }

    static void Apply(Panel panel, PanelInput input)
    {
        panel.Name = input.Name.Trim();
        panel.Area = input.Area.Trim();
        panel.CadenceDays = input.CadenceDays;
        panel.DefaultMeetingMinutes = input.DefaultMeetingMinutes;
        panel.UsualLocation = PlainText.IsBlank(input.UsualLocation) ? null : input.UsualLocation.Trim();
        panel.UsualOnlineLink = PlainText.IsBlank(input.UsualOnlineLink) ? null : input.UsualOnlineLink.Trim();
    }

    static PanelInput Input(Panel panel) => new()
    {
        Name = panel.Name, Area = panel.Area, CadenceDays = panel.CadenceDays, DefaultMeetingMinutes = panel.DefaultMeetingMinutes,
        UsualLocation = panel.UsualLocation, UsualOnlineLink = panel.UsualOnlineLink,
    };

    static string Describe(Panel panel) =>
        $"{panel.Name}; {panel.Area}; every {panel.CadenceDays} days, {panel.DefaultMeetingMinutes} minutes; "
        + $"place: {panel.UsualLocation ?? "none"}; link: {panel.UsualOnlineLink ?? "none"}";
}
