using DapPanel.Tests.Security.Matrix;

namespace DapPanel.Tests.Security.BadInput;

/// <summary>Hostile and malformed values in the download endpoints' paths and query strings.</summary>
[Collection(MatrixCollection.Name)]
[Trait("Category", "Slow")]
public class EndpointBadInputTests(MatrixWorld world)
{
    public static TheoryData<int> TableNames()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < HostileText.All.Count; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public async Task An_insight_table_name_that_is_not_a_table_is_refused_plainly(int input)
    {
        var value = HostileText.All[input].Value;
        // Beyond a URL's length the server refuses the request line itself, before the app sees it.
        var name = value.Length > 4000 ? value[..4000] : value;

        await AssertRefusedPlainlyAsync($"/insight/{Uri.EscapeDataString(name)}.csv?panel={world.PanelId}&from=2026-01-01&to=2026-06-30");
    }

    public static TheoryData<string> MalformedRequests() => new(
    [
        "/insight/attendance.csv?panel={panel}&from=2026-13-45&to=2026-06-30",
        "/insight/attendance.csv?panel={panel}&from=yesterday&to=today",
        "/insight/attendance.csv?panel={panel}&from=&to=",
        "/insight/attendance.csv?panel={panel}&from=2026-02-30&to=2026-03-01",
        "/insight/attendance.csv?panel={panel}&from=0001-01-01&to=9999-12-31",
        "/insight/attendance.csv?panel={panel}&from=2026-06-30&to=2026-01-01",
        "/insight/attendance.csv?panel=not-a-panel&from=2026-01-01&to=2026-06-30",
        "/insight/attendance.csv?panel={random}&from=2026-01-01&to=2026-06-30",
        "/insight/attendance.csv?panel={panel}&panel={random}&from=2026-01-01&to=2026-06-30",
        "/insight/attendance.csv",
        "/evaluation/tables/victims.csv?panel={panel}&from=2026-01-01&to=2026-06-30",
        "/evaluation/tables/%3Cscript%3E.csv?panel={panel}&from=2026-01-01&to=2026-06-30",
        "/evaluation/workbook.xlsx?panel={panel}&from=2026-13-45&to=2026-06-30",
        "/evaluation/workbook.xlsx?panel={panel}&from=2026-06-30&to=2026-01-01",
        "/evaluation/workbook.xlsx?panel={panel}&from=0001-01-01&to=9999-12-31",
        "/evaluation/report.pdf?panel={random}&from=2026-01-01&to=2026-06-30",
        "/evaluation/report.pdf?panel={panel}&panel={random}&from=2026-01-01&to=2026-06-30",
        "/evaluation/report.pdf?panel={panel}&from=1990-01-01&to=1990-12-31",
        "/evaluation/report.pdf",
        "/meetings/{closed}/minutes.pdf?version=-1",
        "/meetings/{closed}/minutes.pdf?version=0",
        "/meetings/{closed}/minutes.pdf?version=999999",
        "/meetings/{closed}/minutes.pdf?version=abc",
        "/meetings/{closed}/minutes.pdf?version=2147483648",
        "/meetings/{random}/minutes.pdf",
        "/meetings/{upcoming}/minutes.pdf",
        "/meetings/{closed}/actions.pdf?agency=nope",
        "/meetings/{closed}/actions.pdf?agency={random}",
        "/meetings/{random}/actions.pdf",
        "/meetings/{upcoming}/actions.pdf",
        "/meetings/{random}/case-list.pdf",
        "/meetings/{closed}/case-list.pdf?x=%3Cscript%3E",
        "/meetings/not-a-guid/case-list.pdf",
    ]);

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task A_malformed_download_request_is_refused_plainly(string request) =>
        await AssertRefusedPlainlyAsync(request
            .Replace("{panel}", world.PanelId.ToString())
            .Replace("{random}", Guid.NewGuid().ToString())
            .Replace("{closed}", world.ClosedMeetingId.ToString())
            .Replace("{upcoming}", world.UpcomingMeetingId.ToString()));

    /// <summary>As the chair, who may download everything: whatever is wrong is the request, never the server.</summary>
    async Task AssertRefusedPlainlyAsync(string request)
    {
        using var chair = await world.ClientAsync(Persona.Chair);

        var response = await chair.GetAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{request}: {(int)response.StatusCode}");
        if (!response.IsSuccessStatusCode)
        {
            var type = response.Content.Headers.ContentType?.MediaType;
            if (type == "text/plain") HostileText.AssertClear(body);
            else Assert.DoesNotContain(HostileText.Script, body);
        }
        else Assert.Contains(response.Content.Headers.ContentType?.MediaType, new[] { "application/pdf", "text/csv" });
    }
}
