using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Support;

public static class Actors
{
    /// <summary>The demo person with this sign-in, as Core services see them.</summary>
    public static async Task<Actor> DemoAsync(this TestServer server, string email, Role role)
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var person = await db.People.SingleAsync(p => p.Email == email);
        var user = await db.Users.SingleAsync(u => u.PersonId == person.Id);
        return new Actor(user.Id, person.Id, person.AgencyId, person.FullName, new HashSet<Role> { role });
    }
}
