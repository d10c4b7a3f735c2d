using DapPanel.Core.Administration;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Administration;

[Collection(RevocationServerCollection.Name)]
public class AdministrationServiceTests(RevocationServer fixture)
{
    const string Password = "Panel-member-2026";

    TestServer Server => fixture.Server;
    IPeopleAdministration People => Server.Services.GetRequiredService<IPeopleAdministration>();
    IAgencyAdministration Agencies => Server.Services.GetRequiredService<IAgencyAdministration>();

    Task<Actor> AdministratorAsync() => Server.DemoAsync("admin@dappanel.example", Role.Administrator);

    public static TheoryData<string, Role> NotAdministrators() => new()
    {
        { "chair@dappanel.example", Role.Chair },
        { "manager@dappanel.example", Role.Manager },
        { "probation@dappanel.example", Role.AgencyMember },
    };

    [Theory]
    [MemberData(nameof(NotAdministrators))]
    public async Task Only_administrators_manage_people_and_agencies(string email, Role role)
    {
        var actor = await Server.DemoAsync(email, role);
        var someone = (await People.ListAsync(await AdministratorAsync())).First(p => p.SignIn is not null);
        var agency = (await Agencies.ListAsync(await AdministratorAsync())).First();
        var auditBefore = await Server.ReadAsync(db => db.AuditEvents.CountAsync());

        Func<Task>[] attempts =
        [
            () => People.ListAsync(actor),
            () => People.AddAsync(actor, NewPerson(agency.Id, Role.Administrator)),
            () => People.ChangeAccessAsync(actor, someone.PersonId,
                new PersonAccessInput { FullName = "X", AgencyId = agency.Id, Roles = [Role.Administrator] }, someone.Version),
            () => People.SetActiveAsync(actor, someone.PersonId, false, someone.Version),
            () => People.UnlockAsync(actor, someone.PersonId, someone.Version),
            () => People.ResetTwoFactorAsync(actor, someone.PersonId, someone.Version),
            () => Agencies.ListAsync(actor),
            () => Agencies.AddAsync(actor, new AgencyInput { Name = "Shadow agency" }),
            () => Agencies.UpdateAsync(actor, agency.Id, new AgencyInput { Name = "Renamed" }, agency.Version),
        ];
        foreach (var attempt in attempts)
            await Assert.ThrowsAsync<AccessDeniedException>(attempt);

        Assert.Equal(auditBefore, await Server.ReadAsync(db => db.AuditEvents.CountAsync()));
    }

    [Fact]
    public async Task A_new_person_gets_a_sign_in_with_their_roles_and_the_addition_is_audited()
    {
        var agencyId = await Server.AgencyIdAsync(AgencyKind.Housing);
        var input = NewPerson(agencyId, Role.AgencyMember, Role.Chair);

        var personId = await People.AddAsync(await AdministratorAsync(), input);

        var listed = (await People.ListAsync(await AdministratorAsync())).Single(p => p.PersonId == personId);
        Assert.Equal("Housing options officer", listed.JobTitle);
        Assert.Equal(new HashSet<Role> { Role.AgencyMember, Role.Chair }, listed.SignIn!.Roles.ToHashSet());
        Assert.True(listed.SignIn.IsActive);
        Assert.False(listed.SignIn.TwoFactorEnabled);
        var entry = await Server.ReadAsync(db => db.AuditEvents.SingleAsync(e => e.Summary.Contains(input.Email)));
        Assert.Equal(AuditAction.PermissionChanged, entry.Action);
        Assert.Contains("Chair", entry.After);
        Assert.Equal("Jo Linnet", entry.ActorName);
        await HttpSignIn.SignInAsync(Server.BaseUrl, input.Email, Password);

        var administrator = await AdministratorAsync();
        var again = await Assert.ThrowsAsync<InvalidInputException>(() => People.AddAsync(administrator, input));
        Assert.Contains(again.Problems, p => p.Contains("already has a sign-in"));
    }

    [Fact]
    public async Task Changing_roles_and_agency_is_audited_before_and_after_and_ends_earlier_sign_ins()
    {
        var personId = await People.AddAsync(await AdministratorAsync(), NewPerson(await Server.AgencyIdAsync(AgencyKind.Housing), Role.AgencyMember));
        var stampBefore = await StampAsync(personId);
        var person = await ListedAsync(personId);

        await People.ChangeAccessAsync(await AdministratorAsync(), personId, new PersonAccessInput
        {
            FullName = person.FullName, JobTitle = "Team leader", AgencyId = await Server.AgencyIdAsync(AgencyKind.Police), Roles = [Role.Manager],
        }, person.Version);

        var changed = await ListedAsync(personId);
        Assert.Equal(new HashSet<Role> { Role.Manager }, changed.SignIn!.Roles.ToHashSet());
        Assert.NotEqual(person.AgencyName, changed.AgencyName);
        Assert.NotEqual(stampBefore, await StampAsync(personId));
        var entry = await Server.ReadAsync(db => db.AuditEvents.OrderBy(e => e.Id).LastAsync());
        Assert.Equal(AuditAction.PermissionChanged, entry.Action);
        Assert.Contains("Agency member", entry.Before);
        Assert.Contains("Manager", entry.After);

        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SetActiveAsync(personId, false, person.Version));
        Assert.Contains("Someone else changed", stale.Message);
    }

    [Fact]
    public async Task Nobody_disables_themselves_and_the_last_active_administrator_stays()
    {
        var administrator = await AdministratorAsync();
        // Leave admin@ as the only active administrator, whatever other tests added.
        foreach (var other in (await People.ListAsync(administrator))
                     .Where(p => p.SignIn is { IsActive: true } s && s.Roles.Contains(Role.Administrator) && s.UserId != administrator.UserId))
            await People.SetActiveAsync(administrator, other.PersonId, false, other.Version);
        var me = await ListedAsync(administrator.PersonId);
        // Someone whose stale sign-in still says administrator, as the chair.
        var chair = await Server.DemoAsync("chair@dappanel.example", Role.Administrator);

        var self = await Assert.ThrowsAsync<DomainRuleException>(() => People.SetActiveAsync(administrator, me.PersonId, false, me.Version));
        Assert.Contains("your own sign-in", self.Message);
        var ownRole = await Assert.ThrowsAsync<DomainRuleException>(() => People.ChangeAccessAsync(administrator, me.PersonId,
            new PersonAccessInput { FullName = me.FullName, AgencyId = me.AgencyId, Roles = [Role.Chair] }, me.Version));
        Assert.Contains("your own administrator role", ownRole.Message);
        var last = await Assert.ThrowsAsync<DomainRuleException>(() => People.SetActiveAsync(chair, me.PersonId, false, me.Version));
        Assert.Contains("last active administrator", last.Message);
        var demoted = await Assert.ThrowsAsync<DomainRuleException>(() => People.ChangeAccessAsync(chair, me.PersonId,
            new PersonAccessInput { FullName = me.FullName, AgencyId = me.AgencyId, Roles = [Role.Chair] }, me.Version));
        Assert.Contains("last active administrator", demoted.Message);

        var second = await People.AddAsync(administrator, NewPerson(me.AgencyId, Role.Administrator));
        await People.SetActiveAsync(chair, me.PersonId, false, me.Version);
        var disabled = await ListedAsync(me.PersonId);
        Assert.False(disabled.SignIn!.IsActive);
        await People.SetActiveAsync(administrator, me.PersonId, true, disabled.Version);
        Assert.True((await ListedAsync(second)).SignIn!.IsActive);
    }

    [Fact]
    public async Task Resetting_two_factor_removes_the_authenticator_so_the_person_enrols_again()
    {
        var personId = await People.AddAsync(await AdministratorAsync(), NewPerson(await Server.AgencyIdAsync(AgencyKind.Housing), Role.AgencyMember));
        var email = (await ListedAsync(personId)).Email!;
        await Server.EnrolAsync(email);
        var person = await ListedAsync(personId);
        Assert.True(person.SignIn!.TwoFactorEnabled);

        await People.ResetTwoFactorAsync(await AdministratorAsync(), personId, person.Version);

        Assert.False((await ListedAsync(personId)).SignIn!.TwoFactorEnabled);
        await using var scope = Server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DapPanelUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.Null(await users.GetAuthenticatorKeyAsync(user));
        Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
        Assert.Contains(await Server.ReadAsync(db => db.AuditEvents.Where(e => e.Action == AuditAction.PermissionChanged).ToListAsync()),
            e => e.Summary.Contains("Reset") && e.Summary.Contains("two-factor") && e.Before == "two-factor sign-in on");
    }

    [Fact]
    public async Task Agencies_are_added_renamed_and_their_kind_changes_are_audited_as_permission_changes()
    {
        var administrator = await AdministratorAsync();
        var name = $"Women's Aid {Guid.NewGuid():N}"[..20];
        var agencyId = await Agencies.AddAsync(administrator, new AgencyInput { Name = name, Kind = AgencyKind.Other });
        var added = (await Agencies.ListAsync(administrator)).Single(a => a.Id == agencyId);

        var duplicate = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Agencies.AddAsync(administrator, new AgencyInput { Name = " " + name.ToUpperInvariant(), Kind = AgencyKind.Other }));
        Assert.Contains(duplicate.Problems, p => p.Contains("already an agency"));
        var halfContact = await Assert.ThrowsAsync<InvalidInputException>(() => Agencies.UpdateAsync(administrator, agencyId,
            new AgencyInput { Name = name, Kind = AgencyKind.IdvaService, SeniorContactName = "Sam Ibis" }, added.Version));
        Assert.Contains(halfContact.Problems, p => p.Contains("both"));

        await Agencies.UpdateAsync(administrator, agencyId, new AgencyInput
        {
            Name = name + " IDVA", Kind = AgencyKind.IdvaService, SeniorContactName = "Sam Ibis", SeniorContactEmail = "sam@womensaid.example",
        }, added.Version);

        var renamed = (await Agencies.ListAsync(administrator)).Single(a => a.Id == agencyId);
        Assert.Equal(AgencyKind.IdvaService, renamed.Kind);
        Assert.Equal("Sam Ibis", renamed.SeniorContactName);
        var entry = await Server.ReadAsync(db => db.AuditEvents.OrderBy(e => e.Id).LastAsync());
        Assert.Equal(AuditAction.PermissionChanged, entry.Action);
        Assert.Contains("kind: Other", entry.Before);
        Assert.Contains("kind: IDVA service", entry.After);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Agencies.UpdateAsync(administrator, agencyId, new AgencyInput { Name = name, Kind = AgencyKind.Other }, added.Version));
    }

    [Fact]
    public async Task An_agency_whose_kind_changes_sees_or_loses_victim_details_at_once()
    {
        var admin = await AdministratorAsync();
        var housing = await Server.DemoAsync("housing@dappanel.example", Role.AgencyMember);
        var panelId = await Server.ReadAsync(db => db.Panels.Select(p => p.Id).FirstAsync());
        var needToKnow = Server.Services.GetRequiredService<DapPanel.Core.InformationSharing.NeedToKnow>();
        Assert.False((await needToKnow.BasisAsync(housing, panelId)).SeesVictimDetails);
        var agency = (await Agencies.ListAsync(admin)).Single(a => a.Id == housing.AgencyId);
        AgencyInput As(AgencyKind kind) =>
            new() { Name = agency.Name, Kind = kind, SeniorContactName = agency.SeniorContactName, SeniorContactEmail = agency.SeniorContactEmail };
        var asIs = As(agency.Kind);
        try
        {
            await Agencies.UpdateAsync(admin, agency.Id, As(AgencyKind.IdvaService), agency.Version);
            Assert.True((await needToKnow.BasisAsync(housing, panelId)).SeesVictimDetails);

            var changed = (await Agencies.ListAsync(admin)).Single(a => a.Id == agency.Id);
            await Agencies.UpdateAsync(admin, agency.Id, asIs, changed.Version);
            Assert.False((await needToKnow.BasisAsync(housing, panelId)).SeesVictimDetails);
        }
        finally
        {
            var now = (await Agencies.ListAsync(admin)).Single(a => a.Id == agency.Id);
            if (now.Kind != agency.Kind) await Agencies.UpdateAsync(admin, agency.Id, asIs, now.Version);
        }
    }

    [Fact]
    public async Task A_person_added_is_offered_in_open_live_rooms_at_once()
    {
        var readModel = Server.Services.GetRequiredService<DapPanel.Core.LiveMeeting.LiveMeetingReadModel>();
        var meetingId = await Server.ReadAsync(db => db.Meetings.Select(m => m.Id).FirstAsync());
        var probationId = await Server.AgencyIdAsync(AgencyKind.Probation);
        var input = NewPerson(probationId, Role.AgencyMember);
        input.FullName = "Robin Newcombe";
        Assert.DoesNotContain((await readModel.GetAsync(meetingId))!.View.Agencies.SelectMany(a => a.People), p => p.FullName == input.FullName);

        await People.AddAsync(await AdministratorAsync(), input);

        var agency = (await readModel.GetAsync(meetingId))!.View.Agencies.Single(a => a.Id == probationId);
        Assert.Contains(agency.People, p => p.FullName == "Robin Newcombe");
    }

    static NewPersonInput NewPerson(Guid agencyId, params Role[] roles) => new()
    {
        FullName = "Jamie Test", Email = $"jamie-{Guid.NewGuid():N}@housing.example", JobTitle = "Housing options officer",
        AgencyId = agencyId, Roles = [.. roles], Password = Password,
    };

    async Task<PersonAccountView> ListedAsync(Guid personId) =>
        (await People.ListAsync(await AdministratorAsync())).Single(p => p.PersonId == personId);

    async Task SetActiveAsync(Guid personId, bool active, Guid version) =>
        await People.SetActiveAsync(await AdministratorAsync(), personId, active, version);

    Task<string?> StampAsync(Guid personId) =>
        Server.ReadAsync(db => db.Users.Where(u => u.PersonId == personId).Select(u => u.SecurityStamp).SingleAsync());
}
