using System.Net;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace DapPanel.Tests.Circulation;

[Collection(DemoServerCollection.Name)]
public class CaseListPdfTests(TestServer server)
{
    Task<Meeting> UpcomingAsync() =>
        server.ReadAsync(db => db.Meetings.Include(m => m.AgendaItems).ThenInclude(i => i.Case)
            .SingleAsync(m => m.Status == MeetingStatus.Circulated));

    [Fact]
    public async Task An_agency_downloads_the_circulated_list_marked_on_every_page_without_victim_contacts()
    {
        var meeting = await UpcomingAsync();
        using var client = await server.SignedInClientAsync("police@dappanel.example");

        var response = await client.GetAsync($"/meetings/{meeting.Id}/case-list.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var pages = pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, text => Assert.True(text.Split("OFFICIAL-SENSITIVE").Length >= 3, "marking at top and bottom"));
        var all = string.Join(" ", pages);
        Assert.NotEmpty(meeting.AgendaItems);
        Assert.All(meeting.AgendaItems, item => Assert.Contains(item.Case!.Reference, all));
        Assert.DoesNotContain("Example", all);
        Assert.DoesNotContain("07700", all);

        var audited = await server.ReadAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.Exported && e.MeetingId == meeting.Id && e.Summary.Contains("case list")));
        Assert.True(audited);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        var meeting = await UpcomingAsync();
        using var client = server.CreateClient();

        var response = await client.GetAsync($"/meetings/{meeting.Id}/case-list.pdf");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_meeting_that_does_not_exist_is_not_found()
    {
        using var client = await server.SignedInClientAsync("police@dappanel.example");

        var response = await client.GetAsync($"/meetings/{Guid.NewGuid()}/case-list.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
