using System.Net;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace DapPanel.Tests.InformationSharing;

/// <summary>The case list PDF of the demo's upcoming meeting, downloaded by agencies of each tier.</summary>
[Collection(DemoServerCollection.Name)]
public class NeedToKnowDocumentTests(TestServer server)
{
    async Task<(Guid MeetingId, List<string> VictimNames)> UpcomingAsync() =>
        await server.ReadAsync(async db =>
        {
            var meeting = await db.Meetings.Include(m => m.AgendaItems).SingleAsync(m => m.Status == MeetingStatus.Circulated);
            var caseIds = meeting.AgendaItems.Select(i => i.CaseId).ToList();
            var names = await db.VictimSurvivors.Where(v => caseIds.Contains(v.CaseId)).Select(v => v.FullName).ToListAsync();
            return (meeting.Id, names);
        });

    async Task<string> CaseListPdfTextAsync(string email, Guid meetingId)
    {
        using var client = await server.SignedInClientAsync(email);
        var response = await client.GetAsync($"/meetings/{meetingId}/case-list.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [Fact]
    public async Task The_case_list_pdf_of_an_agency_outside_the_victims_safety_plan_has_no_victim_names()
    {
        var (meetingId, victims) = await UpcomingAsync();
        Assert.NotEmpty(victims);

        var housing = await CaseListPdfTextAsync("housing@dappanel.example", meetingId);
        var idva = await CaseListPdfTextAsync("idva@dappanel.example", meetingId);

        Assert.All(victims.Select(Surname), surname => Assert.DoesNotContain(surname, housing));
        Assert.Contains("Withheld", housing);
        Assert.Contains("agreement, version 1", housing);
        Assert.Contains(victims.Select(Surname), surname => idva.Contains(surname));
        Assert.DoesNotContain(NeedToKnow.WithheldMarker.Split(' ')[0] + " — shared", idva);
    }

    [Fact]
    public async Task A_member_who_has_not_acknowledged_the_agreement_is_refused_the_pdf_and_the_refusal_is_plain()
    {
        var (meetingId, victims) = await UpcomingAsync();
        Assert.NotEmpty(victims);
        // The prison member is used by no other test: withdraw their acknowledgement before anything remembers it.
        await server.ReadAsync(db => db.AgreementAcknowledgements
            .Where(a => db.People.Any(p => p.Id == a.PersonId && p.Email == "prison@dappanel.example")).ExecuteDeleteAsync());
        using var client = await server.SignedInClientAsync("prison@dappanel.example");

        var response = await client.GetAsync($"/meetings/{meetingId}/case-list.pdf");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("information-sharing agreement (version 1)", body);
        Assert.All(victims.Select(Surname), surname => Assert.DoesNotContain(surname, body));
    }

    static string Surname(string fullName) => fullName.Split(' ')[^1];
}
