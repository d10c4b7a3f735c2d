using DapPanel.Core.Administration;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using DapPanel.Core.Panels;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Support;

/// <summary>People a test adds to the demo panel through the administrators' own service, and changes later.</summary>
public static class TestPeople
{
    public const string Password = "Panel-member-2026";

    /// <summary>
    /// A new person at probation; an agency member has acknowledged the demo panel's agreement unless told not to, and
    /// a chair chairs it.
    /// </summary>
    public static async Task<(Guid PersonId, string Email)> AddAsync(this TestServer server, Role role = Role.AgencyMember,
        string? email = null, bool acknowledged = true)
    {
        email ??= $"person-{Guid.NewGuid():N}@probation.example";
        var personId = await People(server).AddAsync(await AdministratorAsync(server), new NewPersonInput
        {
            FullName = "Test Person", Email = email, JobTitle = "Probation officer", Roles = [role], Password = Password,
            AgencyId = await server.AgencyIdAsync(AgencyKind.Probation),
        });
        var panelId = await server.ReadAsync(db => db.Panels.Where(p => p.Name == DemoPanel.PanelName).Select(p => p.Id).SingleAsync());
        if (role == Role.AgencyMember && acknowledged)
        {
            var member = await server.DemoAsync(email, role);
            var sharing = server.Services.GetRequiredService<IInformationSharingService>();
            await sharing.AcknowledgeAsync(member, panelId, (await sharing.GetAgreementAsync(member, panelId)).Number!.Value);
        }
        // A chair chairs the demo panel: chairs see only the panels they chair.
        if (role == Role.Chair)
            await server.Services.GetRequiredService<IPanelAdministration>().AddChairAsync(await AdministratorAsync(server), panelId, personId);
        return (personId, email);
    }

    public static async Task DisableAsync(this TestServer server, Guid personId) =>
        await People(server).SetActiveAsync(await AdministratorAsync(server), personId, false, await VersionAsync(server, personId));

    public static Task<Actor> AdministratorAsync(TestServer server) => server.DemoAsync("admin@dappanel.example", Role.Administrator);

    public static Task<Guid> VersionAsync(TestServer server, Guid personId) =>
        server.ReadAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.Version).SingleAsync());

    static IPeopleAdministration People(TestServer server) => server.Services.GetRequiredService<IPeopleAdministration>();
}
