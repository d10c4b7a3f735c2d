using System.Net;
using DapPanel.Core.Domain;
using DapPanel.Core.Minutes;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Minutes;

[Collection(DemoServerCollection.Name)]
public class DocumentEndpointTests(TestServer server)
{
    [Theory]
    [InlineData("minutes.pdf")]
    [InlineData("actions.pdf")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string file)
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[5];
        using var client = server.CreateClient();

        var response = await client.GetAsync($"/meetings/{meeting.Id}/{file}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_agency_member_gets_their_own_list_and_is_refused_another_agencys()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[5];
        var police = await server.DemoAsync("police@dappanel.example", Role.AgencyMember);
        using var client = await server.SignedInClientAsync("housing@dappanel.example");

        var refused = await client.GetAsync($"/meetings/{meeting.Id}/actions.pdf?agency={police.AgencyId}");
        var minutes = await client.GetAsync($"/meetings/{meeting.Id}/minutes.pdf");
        var own = await client.GetAsync($"/meetings/{meeting.Id}/actions.pdf");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("only your own agency", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, minutes.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType!.MediaType);
        Assert.Contains("housing-needs", own.Content.Headers.ContentDisposition!.FileName);
        Assert.True(PdfText.Read(await own.Content.ReadAsByteArrayAsync()).Contains("Action list — Housing Needs"));
    }

    [Fact]
    public async Task A_member_agency_downloads_the_minutes_once_final_and_finds_them_on_the_meeting_page()
    {
        var meeting = await DemoMeetings.EarlierClosedAsync(server, before: 1);
        using var housing = await server.SignedInClientAsync("housing@dappanel.example");

        var draft = await housing.GetAsync($"/meetings/{meeting.Id}/minutes.pdf");
        Assert.Equal(HttpStatusCode.Forbidden, draft.StatusCode);
        Assert.Contains("member agencies receive the minutes once the chair finalises them", await draft.Content.ReadAsStringAsync());
        Assert.DoesNotContain($"/meetings/{meeting.Id}/minutes.pdf", await housing.GetStringAsync($"/meetings/{meeting.Id}"));

        var minutes = server.Services.GetRequiredService<IMinutesService>();
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        var view = await minutes.GetForEditAsync(chair, meeting.Id);
        await minutes.FinaliseAsync(chair, meeting.Id, new MinutesTexts(view.GeneralNotes, view.ConfidentialityStatementRead,
            view.Items.Select(i => new MinutesItemText { AgendaItemId = i.AgendaItemId, Summary = i.Summary, Notes = i.Notes }).ToList()),
            view.Version);

        Assert.Contains($"/meetings/{meeting.Id}/minutes.pdf", await housing.GetStringAsync($"/meetings/{meeting.Id}"));
        var final = await housing.GetAsync($"/meetings/{meeting.Id}/minutes.pdf");
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        Assert.True(final.Headers.CacheControl!.NoStore);
        Assert.DoesNotContain("-draft", final.Content.Headers.ContentDisposition!.FileName);
    }

    [Fact]
    public async Task A_chair_downloads_the_minutes_and_unknown_meetings_are_not_found()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[5];
        using var client = await server.SignedInClientAsync("cochair@dappanel.example");

        var response = await client.GetAsync($"/meetings/{meeting.Id}/minutes.pdf");
        var missing = await client.GetAsync($"/meetings/{Guid.NewGuid()}/minutes.pdf");
        var noVersion = await client.GetAsync($"/meetings/{meeting.Id}/minutes.pdf?version=42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("minutes-croydon-dapp-", response.Content.Headers.ContentDisposition!.FileName);
        Assert.True(PdfText.Read(await response.Content.ReadAsByteArrayAsync()).Contains("Minutes of the panel meeting"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noVersion.StatusCode);
    }

    [Theory]
    [InlineData("minutes.pdf?version=abc", "version")]
    [InlineData("minutes.pdf?version=1.5", "version")]
    [InlineData("minutes.pdf?version=99999999999", "version")]
    [InlineData("actions.pdf?agency=police", "agency")]
    public async Task A_malformed_version_or_agency_is_refused_in_words_not_with_a_stack_trace(string file, string what)
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[5];
        using var client = await server.SignedInClientAsync("chair@dappanel.example");

        var response = await client.GetAsync($"/meetings/{meeting.Id}/{file}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(what, text);
        Assert.DoesNotContain("Exception", text);
    }

    [Fact]
    public async Task A_chairs_download_before_the_minutes_are_saved_is_the_live_draft_and_creates_nothing()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[3];
        using var client = await server.SignedInClientAsync("chair@dappanel.example");
        Task<int> VersionsAsync() => server.ReadAsync(db => db.MinutesVersions.CountAsync(v => v.MeetingId == meeting.Id));
        Assert.Equal(0, await VersionsAsync());

        var response = await client.GetAsync($"/meetings/{meeting.Id}/minutes.pdf");
        var page = await client.GetAsync($"/meetings/{meeting.Id}/minutes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("-v1-draft.pdf", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.True(PdfText.Read(await response.Content.ReadAsByteArrayAsync()).Contains("DRAFT — not yet saved or finalised by the chair."));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("not saved yet", await page.Content.ReadAsStringAsync());
        Assert.Equal(0, await VersionsAsync());
    }
}
