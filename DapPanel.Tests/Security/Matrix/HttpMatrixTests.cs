using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using DapPanel.App.Hosting;
using DapPanel.Core.Demo;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Security.Matrix;

/// <summary>Every page and HTTP endpoint of the app against every persona: allowed ones get in, the rest are
/// refused, and nobody's response carries names they may not see.</summary>
[Collection(MatrixCollection.Name)]
[Trait("Category", "Slow")]
public partial class HttpMatrixTests(MatrixWorld world)
{
    public static TheoryData<string, Persona> PageCases() => Cross(AccessRules.Pages.Keys);

    /// <summary>A meeting's pages again, for a meeting not yet circulated and for a closed one.</summary>
    public static TheoryData<string, Persona, MeetingState> MeetingStateCases()
    {
        var data = new TheoryData<string, Persona, MeetingState>();
        foreach (var template in AccessRules.Pages.Keys.Where(t => t.Contains("{MeetingId")))
        foreach (var persona in Personas.All)
        foreach (var state in new[] { MeetingState.Draft, MeetingState.Closed })
            data.Add(template, persona, state);
        return data;
    }

    /// <summary>By position in <see cref="AccessRules.Endpoints"/>, so each case shows on its own.</summary>
    public static TheoryData<int, Persona> EndpointCases()
    {
        var data = new TheoryData<int, Persona>();
        for (var rule = 0; rule < AccessRules.Endpoints.Count; rule++)
        foreach (var persona in Personas.All)
            data.Add(rule, persona);
        return data;
    }

    [Fact]
    public void Every_page_of_the_app_has_a_rule()
    {
        var routes = typeof(DapPanelHost).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .ToHashSet();

        Assert.Empty(routes.Except(AccessRules.Pages.Keys));
        Assert.Empty(AccessRules.Pages.Keys.Except(routes));
    }

    [Fact]
    public void Every_endpoint_of_the_app_has_a_rule()
    {
        var endpoints = world.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null // pages: checked above
                && e.Metadata.GetMetadata<HubMetadata>() is null // hubs: HubMatrixTests
                && !IsFrameworkOrStaticFile(e.RoutePattern.RawText!))
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])} {e.RoutePattern.RawText}")
            .ToHashSet();
        var covered = AccessRules.Endpoints.Select(r => r.Endpoint).ToHashSet();

        Assert.Empty(endpoints.Except(covered));
        Assert.Empty(covered.Except(endpoints));
    }

    [Theory]
    [MemberData(nameof(PageCases))]
    public async Task A_page_lets_in_exactly_the_people_its_rule_names(string template, Persona persona)
    {
        using var client = await world.ClientAsync(persona);
        var path = FillRoute(template);

        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        var allowed = AccessRules.Pages[template].Contains(persona);
        var outcome = template == "/account/access-denied" && response.StatusCode == HttpStatusCode.OK
            ? Outcome.Allowed // the page that explains a refusal
            : template == "/" && persona == Persona.Unacknowledged && body.Contains("data-testid=\"agreement-gate\"")
                ? Outcome.Allowed // Home sends them to the agreement: that is their way in
                : Classify(response, body);
        Assert.True(outcome == (allowed ? Outcome.Allowed : Outcome.Refused),
            $"{persona} on {path}: expected {(allowed ? "allowed" : "refused")}, got {outcome} ({(int)response.StatusCode} {response.Headers.Location})");
        AssertNothingLeaks(persona, allowed, body, path);
    }

    [Theory]
    [MemberData(nameof(MeetingStateCases))]
    public async Task A_meeting_page_lets_in_exactly_the_people_its_rule_names_in_each_state(string template, Persona persona,
        MeetingState state)
    {
        using var client = await world.ClientAsync(persona);
        var path = FillRoute(template, state);

        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        var allowed = AccessRules.PageRule(template, state).Contains(persona);
        var outcome = Classify(response, body);
        Assert.True(outcome == (allowed ? Outcome.Allowed : Outcome.Refused),
            $"{persona} on {path} ({state}): expected {(allowed ? "allowed" : "refused")}, got {outcome} ({(int)response.StatusCode} {response.Headers.Location})");
        AssertNothingLeaks(persona, allowed, body, path);
        if (!persona.SeesCaseNames(state))
            foreach (var name in world.DraftPerpetratorNames)
                Assert.False(System.Net.WebUtility.HtmlDecode(body).Contains(name), $"{persona} on {path} ({state}) was shown {name}.");
    }

    [Theory]
    [MemberData(nameof(EndpointCases))]
    public async Task An_endpoint_answers_exactly_the_people_its_rule_names(int ruleIndex, Persona persona)
    {
        var rule = AccessRules.Endpoints[ruleIndex];
        using var client = rule.FreshSession && Personas.SignedIn.Contains(persona)
            ? await world.FreshClientAsync(persona)
            : await world.ClientAsync(persona);
        var request = FillEndpoint(rule.Request, persona);
        var method = rule.Endpoint.Split(' ')[0];

        var message = new HttpRequestMessage(new HttpMethod(method), request);
        if (rule.WithPageToken && persona != Persona.Anonymous && await HttpSignIn.PageTokenAsync(client) is { } token)
            message.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        var response = await client.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();

        var allowed = rule.Allowed.Contains(persona);
        var outcome = Classify(response, body);
        Assert.True(outcome == (allowed ? Outcome.Allowed : Outcome.Refused),
            $"{persona} on {method} {request}: expected {(allowed ? "allowed" : "refused")}, got {outcome} ({(int)response.StatusCode} {response.Headers.Location})");
        if (!allowed) Assert.True(body.Length < 2000, "A refusal says why in a line, not a document.");
        AssertNothingLeaks(persona, allowed, body, request);
    }

    [Fact]
    public async Task A_hub_connection_needs_a_sign_in()
    {
        using var client = world.Server.CreateClient();

        var response = await client.PostAsync("/hubs/meeting/negotiate?negotiateVersion=1", null);

        Assert.True(Outcome.Refused == Classify(response, await response.Content.ReadAsStringAsync()),
            $"{(int)response.StatusCode} {response.Headers.Location}");
    }

    enum Outcome { Allowed, Refused, Failed }

    static Outcome Classify(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status is 401 or 403) return Outcome.Refused;
        if (status == 302)
        {
            // A challenge carries the way back; signing out sends you to the sign-in page without one.
            var location = response.Headers.Location?.OriginalString ?? "";
            return location.Contains("ReturnUrl=") || location.Contains("/account/access-denied")
                ? Outcome.Refused
                : Outcome.Allowed;
        }
        // Not found: what Core says of a meeting outside your panels, so as not to admit that it exists.
        if (status == 404) return Outcome.Refused;
        if (status >= 500) return Outcome.Failed;
        return AccessRules.IsRefusal(body) ? Outcome.Refused : Outcome.Allowed;
    }

    /// <summary>Refused people see no names at all; nobody sees names their role never may.</summary>
    void AssertNothingLeaks(Persona persona, bool allowed, string body, string path)
    {
        var text = System.Net.WebUtility.HtmlDecode(body);
        if (!allowed || !persona.SeesCaseNames())
            foreach (var name in world.PerpetratorNames)
                Assert.False(text.Contains(name), $"{persona} on {path} was shown the perpetrator {name}.");
        if (!persona.SeesVictimDetails())
            foreach (var name in world.VictimNames)
                Assert.False(text.Contains(name), $"{persona} on {path} was shown the victim-survivor {name}.");
        if (!allowed || !persona.SeesCaseNames())
            foreach (var caseText in world.CaseTexts)
                Assert.False(text.Contains(caseText), $"{persona} on {path} was shown case detail: \"{caseText}\".");
        if (!(allowed && persona is Persona.Administrator or Persona.Chair))
            foreach (var where in world.VictimAddressesAndContacts)
                Assert.False(text.Contains(where), $"{persona} on {path} was shown a victim-survivor's address or contact: {where}.");
    }

    string FillRoute(string template, MeetingState state = MeetingState.Upcoming) => RouteParameter().Replace(template, match => match.Groups[1].Value switch
    {
        "MeetingId" => (state switch
        {
            MeetingState.Draft => world.DraftMeetingId,
            MeetingState.Closed => world.ClosedMeetingId,
            _ => world.UpcomingMeetingId,
        }).ToString(),
        "CaseId" => world.CaseId.ToString(),
        "PanelId" => world.PanelId.ToString(),
        "AgendaItemId" => world.ReviewItemId.ToString(),
        var name => throw new InvalidOperationException($"The matrix has no value for route parameter {name}."),
    });

    string FillEndpoint(string request, Persona persona) => request
        .Replace("{panel}", world.PanelId.ToString())
        .Replace("{closed}", world.ClosedMeetingId.ToString())
        .Replace("{upcoming}", world.UpcomingMeetingId.ToString())
        .Replace("{probation}", world.AgencyOf[Persona.PanelMember].ToString())
        .Replace("{own}", world.AgencyOf.GetValueOrDefault(persona).ToString());

    static bool IsFrameworkOrStaticFile(string pattern) =>
        pattern.StartsWith("_blazor") || pattern.StartsWith("/_blazor") || pattern.StartsWith("_framework")
        || pattern.StartsWith("/_framework") || StaticFile().IsMatch(pattern);

    static TheoryData<string, Persona> Cross(IEnumerable<string> templates)
    {
        var data = new TheoryData<string, Persona>();
        foreach (var template in templates)
        foreach (var persona in Personas.All)
            data.Add(template, persona);
        return data;
    }

    [GeneratedRegex(@"\{(\w+)(:\w+)?\}")]
    private static partial Regex RouteParameter();

    // Static web assets: a file name with an extension and no route parameters other than a fingerprint.
    [GeneratedRegex(@"^/?[\w\-./]+\.(css|js|mjs|png|svg|ico|woff2?|json|map|gz|br|txt|webmanifest|wasm|dat|html)$|\{\*?\*?path|\.\{fingerprint|\{fingerprint")]
    private static partial Regex StaticFile();
}
