using Bunit;
using DapPanel.App.Features.Administration;
using DapPanel.App.Security;
using DapPanel.Core.Administration;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Components;

/// <summary>Administrators see per person how they sign in and when they last did.</summary>
public class SignInMethodCellTests : BunitTest
{
    bool passwordsForProviderAgencies = true;

    protected override void AddServices(IServiceCollection services) => services.AddSingleton(_ => new ProviderSettings
    {
        PasswordsForProviderAgencies = passwordsForProviderAgencies,
        Providers =
        [
            new SignInProvider
            {
                Name = "northshire", DisplayName = "Northshire ID", Authority = "https://login.example/", ClientId = "c",
                ClientSecret = "s", Agencies = ["Probation Service — Croydon"], EmailDomains = ["probation.example"],
            },
        ],
    });

    static PersonAccountView Person(string agency, PersonSignIn signIn) =>
        new(Guid.NewGuid(), "Chris Plover", "chris@probation.example", "Officer", Guid.NewGuid(), agency, signIn, Guid.NewGuid());

    static PersonSignIn SignIn(bool hasPassword, string[] providers, DateTimeOffset? at = null, string? method = null) =>
        new("user", new HashSet<Role> { Role.AgencyMember }, true, false, false)
        {
            HasPassword = hasPassword, Providers = providers, LastSignInAt = at, LastSignInMethod = method,
        };

    [Fact]
    public void A_linked_provider_and_the_last_sign_in_through_it_are_named()
    {
        var at = new DateTimeOffset(2026, 7, 3, 9, 15, 0, TimeSpan.Zero);
        var cell = Render<SignInMethodCell>(p => p.Add(c => c.Person,
            Person("Probation Service — Croydon", SignIn(true, ["northshire"], at, "northshire"))));

        Assert.Equal("Password or Northshire ID", cell.Find("[data-testid=sign-in-method]").TextContent);
        Assert.Equal("Last signed in 3 Jul 2026 10:15 with Northshire ID", cell.Find("[data-testid=last-sign-in]").TextContent);
    }

    [Fact]
    public void A_person_of_a_provider_agency_who_has_not_used_it_yet_and_never_signed_in_says_so()
    {
        var cell = Render<SignInMethodCell>(p => p.Add(c => c.Person, Person("Probation Service — Croydon", SignIn(false, []))));

        Assert.Equal("Northshire ID (not used yet)", cell.Find("[data-testid=sign-in-method]").TextContent);
        Assert.Equal("Not signed in yet", cell.Find("[data-testid=last-sign-in]").TextContent);
    }

    [Fact]
    public void With_passwords_turned_off_for_provider_agencies_their_password_is_not_offered_but_others_keep_theirs()
    {
        passwordsForProviderAgencies = false;
        var at = new DateTimeOffset(2026, 1, 10, 14, 0, 0, TimeSpan.Zero);
        var probation = Render<SignInMethodCell>(p => p.Add(c => c.Person,
            Person("Probation Service — Croydon", SignIn(true, ["northshire"], at, DapPanelUser.PasswordSignIn))));
        var police = Render<SignInMethodCell>(p => p.Add(c => c.Person, Person("Metropolitan Police", SignIn(true, []))));

        Assert.Equal("Northshire ID", probation.Find("[data-testid=sign-in-method]").TextContent);
        Assert.Equal("Last signed in 10 Jan 2026 14:00 with a password", probation.Find("[data-testid=last-sign-in]").TextContent);
        Assert.Equal("Password", police.Find("[data-testid=sign-in-method]").TextContent);
    }
}
