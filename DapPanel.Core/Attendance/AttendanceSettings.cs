using System.Net.Mail;
using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Attendance;

public sealed record PanelAttendanceSettings(Guid PanelId, string PanelName, int QuorumCoreAgencies, int CoreAgencies,
    string ConfidentialityStatement, Guid Version);

public sealed record SeniorContactView(Guid AgencyId, string AgencyName, string? Name, string? Email, Guid Version);

/// <summary>What administrators set for attendance: each panel's quorum and statement, each agency's senior contact.</summary>
public interface IAttendanceSettings
{
    Task<IReadOnlyList<PanelAttendanceSettings>> PanelsAsync(Actor actor, CancellationToken cancellationToken = default);
    Task UpdatePanelAsync(Actor actor, Guid panelId, int quorum, string? statement, Guid version,
        CancellationToken cancellationToken = default);
    Task<IReadOnlyList<SeniorContactView>> SeniorContactsAsync(Actor actor, CancellationToken cancellationToken = default);
    Task UpdateSeniorContactAsync(Actor actor, Guid agencyId, string? name, string? email, Guid version,
        CancellationToken cancellationToken = default);
}

public sealed class AttendanceSettings(IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit) : IAttendanceSettings
{
    const string Setting = "change attendance settings";

    public async Task<IReadOnlyList<PanelAttendanceSettings>> PanelsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Setting, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Panels.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new PanelAttendanceSettings(p.Id, p.Name, p.QuorumCoreAgencies, p.Members.Count(m => m.IsCore),
                p.ConfidentialityStatement, p.Version))
            .ToListAsync(cancellationToken);
    }

    public async Task UpdatePanelAsync(Actor actor, Guid panelId, int quorum, string? statement, Guid version,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Setting, Role.Administrator);
        statement = statement?.Trim();
        if (string.IsNullOrEmpty(statement))
            throw new DomainRuleException("The confidentiality statement cannot be empty: attendees must have something to acknowledge.");
        if (statement.Length > Panel.MaxStatementLength)
            throw new DomainRuleException($"The confidentiality statement is at most {Panel.MaxStatementLength} characters.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panel = await db.Panels.Include(p => p.Members).SingleOrDefaultAsync(p => p.Id == panelId, cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        if (panel.Version != version)
            throw new ConcurrencyConflictException(
                $"Someone else changed {panel.Name}'s settings: the quorum is now {panel.QuorumCoreAgencies}. Check and save again.");
        var before = $"quorum {panel.QuorumCoreAgencies}";
        panel.SetQuorum(quorum);
        panel.ConfidentialityStatement = statement;
        audit.Add(db, actor, AuditAction.Changed, $"Changed {panel.Name}'s quorum and confidentiality statement", before: before,
            after: $"quorum {quorum}");
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Someone else saved these settings at the same moment; reload and check them.");
        }
    }

    public async Task<IReadOnlyList<SeniorContactView>> SeniorContactsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Setting, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Agencies.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new SeniorContactView(a.Id, a.Name, a.SeniorContactName, a.SeniorContactEmail, a.Version))
            .ToListAsync(cancellationToken);
    }

    public async Task UpdateSeniorContactAsync(Actor actor, Guid agencyId, string? name, string? email, Guid version,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Setting, Role.Administrator);
        name = PlainText.IsBlank(name) ? null : name.Trim();
        email = PlainText.IsBlank(email) ? null : email.Trim();
        if ((name is null) != (email is null))
            throw new DomainRuleException("Give both the senior contact's name and email address, or clear both.");
        if (name?.Length > 200) throw new DomainRuleException("The name is at most 200 characters.");
        if (email is not null && (email.Length > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
            throw new DomainRuleException($"\"{email}\" is not an email address.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken)
            ?? throw new NotFoundException("That agency does not exist.");
        if (agency.Version != version)
            throw new ConcurrencyConflictException(
                $"Someone else changed {agency.Name}'s senior contact: it is now {agency.SeniorContactName ?? "nobody"}. Check and save again.");
        var before = agency.SeniorContactEmail;
        agency.SeniorContactName = name;
        agency.SeniorContactEmail = email;
        audit.Add(db, actor, AuditAction.Changed, $"Set {agency.Name}'s senior contact", before: before, after: email);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Someone else saved this contact at the same moment; reload and check it.");
        }
    }
}
