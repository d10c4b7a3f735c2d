using System.Net.Mail;
using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;
using DapPanel.Core.InformationSharing;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Administration;

/// <summary>Administrators add agencies and change their name, kind and senior contact.</summary>
public interface IAgencyAdministration
{
    Task<IReadOnlyList<AgencyAdminView>> ListAsync(Actor actor, CancellationToken cancellationToken = default);
    Task<Guid> AddAsync(Actor actor, AgencyInput input, CancellationToken cancellationToken = default);
    Task UpdateAsync(Actor actor, Guid agencyId, AgencyInput input, Guid expectedVersion, CancellationToken cancellationToken = default);
}

public sealed class AgencyAdministration(
    IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, NeedToKnow needToKnow, LiveMeetingReadModel liveRooms)
    : IAgencyAdministration
{
    const string Managing = "manage agencies";

    public async Task<IReadOnlyList<AgencyAdminView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Agencies.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new AgencyAdminView(a.Id, a.Name, a.Kind, a.SeniorContactName, a.SeniorContactEmail, a.People.Count, a.Version))
            .ToListAsync(cancellationToken);
    }

    public async Task<Guid> AddAsync(Actor actor, AgencyInput input, CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (name, contactName, contactEmail) = await ValidateAsync(db, input, null, cancellationToken);
        var agency = new Agency { Name = name, Kind = input.Kind, SeniorContactName = contactName, SeniorContactEmail = contactEmail };
        db.Agencies.Add(agency);
        // An agency's kind decides which case details its people may see, so adding one is a permission change.
        audit.Add(db, actor, AuditAction.PermissionChanged, $"Added the agency {name}", after: Describe(agency));
        await db.SaveChangesAsync(cancellationToken);
        return agency.Id;
    }

    public async Task UpdateAsync(Actor actor, Guid agencyId, AgencyInput input, Guid expectedVersion,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken)
            ?? throw new NotFoundException("That agency does not exist.");
        if (agency.Version != expectedVersion)
            throw new ConcurrencyConflictException(
                $"Someone else changed {agency.Name} since you opened the page. It has been reloaded; check it and try again.");
        var (name, contactName, contactEmail) = await ValidateAsync(db, input, agencyId, cancellationToken);
        var before = Describe(agency);
        var kindChanged = agency.Kind != input.Kind;
        agency.Name = name;
        agency.Kind = input.Kind;
        agency.SeniorContactName = contactName;
        agency.SeniorContactEmail = contactEmail;
        audit.Add(db, actor, kindChanged ? AuditAction.PermissionChanged : AuditAction.Changed, $"Changed the agency {name}",
            before: before, after: Describe(agency));
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException($"Someone else saved {name} at the same moment. It has been reloaded; check it and try again.");
        }
        // The kind decides whether the agency sees victim details by default: that applies now, not in 30 seconds.
        if (kindChanged) needToKnow.ForgetAll();
        liveRooms.DirectoryChanged();
    }

    static async Task<(string Name, string? ContactName, string? ContactEmail)> ValidateAsync(DapPanelDbContext db, AgencyInput input,
        Guid? agencyId, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var name = input.Name.Trim();
        var contactName = string.IsNullOrWhiteSpace(input.SeniorContactName) ? null : input.SeniorContactName.Trim();
        var contactEmail = string.IsNullOrWhiteSpace(input.SeniorContactEmail) ? null : input.SeniorContactEmail.Trim();
        if (name.Length == 0) problems.Add("Enter the agency's name.");
        else if (name.Length > 200) problems.Add("The agency's name is at most 200 characters.");
        else
        {
            var lowered = name.ToLower();
            if (await db.Agencies.AnyAsync(a => a.Id != agencyId && a.Name.ToLower() == lowered, cancellationToken))
                problems.Add($"There is already an agency called {name}.");
        }
        if (!Enum.IsDefined(input.Kind)) problems.Add("Choose the kind of agency from the list.");
        if ((contactName is null) != (contactEmail is null))
            problems.Add("Give both the senior contact's name and email address, or leave both empty.");
        if (contactName?.Length > 200) problems.Add("The senior contact's name is at most 200 characters.");
        if (contactEmail is not null && (contactEmail.Length > 256 || !MailAddress.TryCreate(contactEmail, out var parsed) || parsed.Address != contactEmail))
            problems.Add($"\"{contactEmail}\" is not an email address.");
        InvalidInputException.ThrowIfAny(problems);
        return (name, contactName, contactEmail);
    }

    static string Describe(Agency agency) =>
        $"{agency.Name}; kind: {agency.Kind.Label()}; senior contact: {agency.SeniorContactName ?? "none"}";
}
