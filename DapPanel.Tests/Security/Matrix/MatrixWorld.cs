using System.Net;
using DapPanel.Core.Administration;
using DapPanel.Core.Data;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Security.Matrix;

/// <summary>
/// One demo server for the authorization matrix and the bad-input suite, with a signed-in session per persona,
/// an agency that is not on the panel, a live meeting of its own, and every name that must not leak.
/// </summary>
public sealed class MatrixWorld : IAsyncLifetime
{
    public const string OutsiderEmail = "outsider@neighbouring-borough.example";
    public const string LeaverEmail = "leaver@probation-service.example";
    /// <summary>Probation's member who signs in through the agency's provider (a real OpenID Connect server).</summary>
    public const string ProviderMemberEmail = "provider.member@probation.example";

    readonly Dictionary<Persona, CookieContainer> sessions = [];

    TestIdentityProvider provider = null!;
    ProviderAccount providerAccount = null!;

    public MatrixWorld() =>
        Server = new TestServer { Configure = builder => ProviderSignInServer.UseProvider(builder.Configuration, provider.Authority) };

    public TestServer Server { get; }
    public Guid PanelId { get; private set; }
    /// <summary>The demo's next meeting, circulated: case list, research and live room are open.</summary>
    public Guid UpcomingMeetingId { get; private set; }
    /// <summary>The demo's latest closed meeting, with minutes.</summary>
    public Guid ClosedMeetingId { get; private set; }
    /// <summary>A meeting with cases whose list has not been circulated.</summary>
    public Guid DraftMeetingId { get; private set; }
    /// <summary>The perpetrators on the draft meeting: only chairs and administrators may see them.</summary>
    public IReadOnlyList<string> DraftPerpetratorNames { get; } = ["Draft Perpetrator One", "Draft Perpetrator Two"];
    public Guid CaseId { get; private set; }
    public Guid ReviewItemId { get; private set; }
    /// <summary>A live meeting owned by the matrix, for the hub methods.</summary>
    public TestMeeting LiveMeeting { get; private set; } = null!;
    /// <summary>A second live meeting, only for closing.</summary>
    public Guid MeetingToClose { get; private set; }
    public Guid ProbationLeverId { get; private set; }
    public Guid ProbationActionId { get; private set; }
    public IReadOnlyList<string> PerpetratorNames { get; private set; } = [];
    public IReadOnlyList<string> VictimNames { get; private set; } = [];
    /// <summary>Victims' addresses and contact details: shown on case detail, to chairs and administrators, only.</summary>
    public IReadOnlyList<string> VictimAddressesAndContacts { get; private set; } = [];
    /// <summary>Case summaries and action texts: case detail for those who may see the panel's cases.</summary>
    public IReadOnlyList<string> CaseTexts { get; private set; } = [];
    public Dictionary<Persona, Guid> AgencyOf { get; } = [];
    /// <summary>Another panel in the same deployment, whose people sit on no demo agency.</summary>
    public SecondPanel Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        provider = await TestIdentityProvider.StartAsync();
        await Server.InitializeAsync();
        await provider.RegisterAsync(Server.BaseUrl, ProviderSignInServer.ProviderName);
        await AddOutsiderAsync();
        await AddProviderMemberAsync();
        await AddPersonAsync(LeaverEmail, "Leaver Before Disabling", await Server.AgencyIdAsync(AgencyKind.Probation));
        await Server.ReadAsync(async db =>
        {
            PanelId = await db.Panels.Select(p => p.Id).SingleAsync();
            UpcomingMeetingId = await db.Meetings.Where(m => m.Status == MeetingStatus.Circulated)
                .OrderBy(m => m.StartsAt).Select(m => m.Id).FirstAsync();
            ClosedMeetingId = (await db.Meetings.Where(m => m.Status == MeetingStatus.Closed)
                .Select(m => new { m.Id, m.StartsAt }).ToListAsync()).MaxBy(m => m.StartsAt)!.Id;
            var upcomingItems = db.AgendaItems.Where(i => i.MeetingId == UpcomingMeetingId);
            CaseId = await upcomingItems.OrderBy(i => i.Order).Select(i => i.CaseId).FirstAsync();
            ReviewItemId = await upcomingItems.Where(i => i.Kind == AgendaItemKind.Review).Select(i => i.Id).FirstAsync();
            foreach (var persona in Personas.SignedIn)
            {
                var email = persona.Email();
                AgencyOf[persona] = await db.People.Where(p => p.Email == email).Select(p => p.AgencyId).SingleAsync();
            }
            return 0;
        });
        await StartLiveMeetingAsync();
        Second = await SecondPanel.CreateAsync(this);
        DraftMeetingId = (await Server.CreateAsync(items: 2, status: MeetingStatus.Draft,
            caseFor: i => new CaseBuilder().Named(DraftPerpetratorNames[i]).WithVictim($"Draft Victim {i + 1}").Build())).Id;
        await Server.ReadAsync(async db =>
        {
            PerpetratorNames = (await db.Cases.ToListAsync()).Select(c => c.Perpetrator.FullName).ToList();
            VictimNames = await db.VictimSurvivors.Select(v => v.FullName).Distinct().ToListAsync();
            VictimAddressesAndContacts = (await db.VictimSurvivors.Select(v => new[] { v.Address, v.Contact }).ToListAsync())
                .SelectMany(v => v).OfType<string>().Where(t => t.Length >= 8).Distinct().ToList();
            CaseTexts = (await db.Cases.Select(c => c.Summary).ToListAsync()).Concat(await db.Actions.Select(a => a.Description).ToListAsync())
                .OfType<string>().Where(t => t.Length >= 12).Distinct().ToList();
            return 0;
        });
    }

    public async Task<CookieContainer> SessionAsync(Persona persona)
    {
        if (persona == Persona.Anonymous) return new CookieContainer();
        if (!sessions.TryGetValue(persona, out var cookies))
            sessions[persona] = cookies = persona switch
            {
                Persona.SignedOut => await SignedOutCopyAsync(),
                Persona.Disabled => await DisabledAfterSignInAsync(),
                Persona.ProviderMember => await SignedInThroughProviderAsync(),
                _ => await HttpSignIn.SignInAsync(Server.BaseUrl, persona.Email()!, DemoLogins.Password),
            };
        return cookies;
    }

    /// <summary>Signed in through the provider's login page: matched by verified email, linked, no password used.</summary>
    async Task<CookieContainer> SignedInThroughProviderAsync()
    {
        var (page, _, cookies) = await ProviderSignInSteps.SignInOverHttpAsync(Server.BaseUrl, providerAccount);
        Assert.True(page.RequestMessage!.RequestUri!.AbsolutePath == "/" && cookies.GetCookies(new Uri(Server.BaseUrl))["DapPanel.Auth"] is not null,
            $"The provider sign-in ended at {page.RequestMessage.RequestUri}.");
        return cookies;
    }

    /// <summary>A probation member with no DapPanel password, who has acknowledged the agreement, and their provider account.</summary>
    async Task AddProviderMemberAsync()
    {
        await AddPersonAsync(ProviderMemberEmail, "Provider Signed In", await Server.AgencyIdAsync(AgencyKind.Probation));
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DapPanelUser>>();
            Assert.True((await users.RemovePasswordAsync((await users.FindByEmailAsync(ProviderMemberEmail))!)).Succeeded);
        }
        var member = await Server.DemoAsync(ProviderMemberEmail, Role.AgencyMember);
        var sharing = Server.Services.GetRequiredService<DapPanel.Core.InformationSharing.IInformationSharingService>();
        var panelId = await Server.ReadAsync(db => db.Panels.Select(p => p.Id).SingleAsync());
        await sharing.AcknowledgeAsync(member, panelId, (await sharing.GetAgreementAsync(member, panelId)).Number!.Value);
        providerAccount = provider.Add(ProviderMemberEmail, assertsTwoFactor: true);
    }

    /// <summary>A copy of a chair's cookie taken before they signed out.</summary>
    async Task<CookieContainer> SignedOutCopyAsync()
    {
        var cookies = await HttpSignIn.SignInAsync(Server.BaseUrl, Persona.SignedOut.Email()!, DemoLogins.Password);
        var copy = HttpSignIn.Copy(cookies, Server.BaseUrl);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(Server.BaseUrl),
        };
        var signOut = await HttpSignIn.SignOutAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        return copy;
    }

    /// <summary>A session that was open when an administrator disabled its person.</summary>
    async Task<CookieContainer> DisabledAfterSignInAsync()
    {
        var cookies = await HttpSignIn.SignInAsync(Server.BaseUrl, LeaverEmail, DemoLogins.Password);
        var administrator = await Server.DemoAsync(Persona.Administrator.Email()!, Role.Administrator);
        var leaver = await Server.ReadAsync(db => db.People.SingleAsync(p => p.Email == LeaverEmail));
        await Server.Services.GetRequiredService<IPeopleAdministration>().SetActiveAsync(administrator, leaver.Id, false, leaver.Version);
        return cookies;
    }

    /// <summary>A session of its own, for a request that ends it (signing out).</summary>
    public async Task<HttpClient> FreshClientAsync(Persona persona) => persona == Persona.ProviderMember
        ? new HttpClient(new HttpClientHandler { CookieContainer = await SignedInThroughProviderAsync(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(Server.BaseUrl),
        }
        : await Server.SignedInClientAsync(persona.Email()!);

    public async Task<HttpClient> ClientAsync(Persona persona) =>
        new(new HttpClientHandler { CookieContainer = await SessionAsync(persona), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(Server.BaseUrl),
        };

    async Task AddOutsiderAsync()
    {
        var agency = new Agency { Name = "Neighbouring Borough Police", Kind = AgencyKind.Police };
        await Server.ReadAsync(async db =>
        {
            db.Agencies.Add(agency);
            return await db.SaveChangesAsync();
        });
        await AddPersonAsync(OutsiderEmail, "PC Outside Panel", agency.Id);
    }

    internal async Task<Guid> AddPersonAsync(string email, string name, Guid agencyId, params Role[] roles)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var person = new Person { FullName = name, Email = email, AgencyId = agencyId };
        await Server.ReadAsync(async db =>
        {
            db.People.Add(person);
            return await db.SaveChangesAsync();
        });
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DapPanelUser>>();
        var user = new DapPanelUser { UserName = email, Email = email, EmailConfirmed = true, PersonId = person.Id };
        Assert.True((await users.CreateAsync(user, DemoLogins.Password)).Succeeded);
        foreach (var role in roles.DefaultIfEmpty(Role.AgencyMember))
            Assert.True((await users.AddToRoleAsync(user, role.ToString())).Succeeded);
        return person.Id;
    }

    /// <summary>A live meeting with a lever and an action of probation's, so edits have something to aim at.</summary>
    async Task StartLiveMeetingAsync()
    {
        LiveMeeting = await Server.CreateAsync(items: 3);
        var chair = await Server.DemoAsync(Persona.Chair.Email()!, Role.Chair);
        var probation = await Server.DemoAsync(Persona.PanelMember.Email()!, Role.AgencyMember);
        var services = Server.Services;
        var flow = services.GetRequiredService<IMeetingFlow>();
        await flow.StartAsync(chair, Guid.NewGuid(), LiveMeeting.Id);
        MeetingToClose = (await Server.CreateAsync(items: 1)).Id;
        await flow.StartAsync(chair, Guid.NewGuid(), MeetingToClose);
        var item = LiveMeeting.ItemIds[0];
        await services.GetRequiredService<ILeverBoard>().AddAsync(probation, Guid.NewGuid(), LiveMeeting.Id, item,
            new LeverInput(probation.AgencyId, LeverFamily.Disrupt, LeverArea.BreachOfOrders, "Recall on breach of licence"));
        await services.GetRequiredService<IActionBoard>().AgreeAsync(probation, Guid.NewGuid(), LiveMeeting.Id, item,
            new ActionInput("Check licence compliance", probation.AgencyId, null, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30))));
        (ProbationLeverId, ProbationActionId) = await Server.ReadAsync(async db => (
            await db.Levers.Where(l => l.MeetingId == LiveMeeting.Id).Select(l => l.Id).SingleAsync(),
            await db.Actions.Where(a => a.AgendaItemId == item).Select(a => a.Id).SingleAsync()));
    }

    public Task<Guid> VersionOfLeverAsync(Guid leverId) =>
        Server.ReadAsync(db => db.Levers.Where(l => l.Id == leverId).Select(l => l.Version).SingleAsync());

    public Task<Guid> VersionOfActionAsync(Guid actionId) =>
        Server.ReadAsync(db => db.Actions.Where(a => a.Id == actionId).Select(a => a.Version).SingleAsync());

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await provider.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MatrixCollection : ICollectionFixture<MatrixWorld>
{
    public const string Name = "Authorization matrix";
}
