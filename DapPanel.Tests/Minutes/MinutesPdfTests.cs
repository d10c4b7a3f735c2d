using DapPanel.App.Components.Shared;
using DapPanel.App.Features.Minutes;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Minutes;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Minutes;

[Collection(DemoServerCollection.Name)]
public class MinutesPdfTests(TestServer server)
{
    [Fact]
    public async Task The_minutes_read_back_with_marking_numbering_attendance_and_each_case_in_order()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[5];
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        var document = await server.Services.GetRequiredService<IMinutesService>().ExportMinutesAsync(chair, meeting.Id);

        var pdf = MinutesPdf.Render(document);
        PdfText.Save(pdf, "demo-minutes");
        var text = PdfText.Read(pdf);

        for (var p = 0; p < text.Pages.Count; p++)
        {
            Assert.StartsWith("OFFICIAL-SENSITIVE", text.Pages[p]);
            Assert.EndsWith("OFFICIAL-SENSITIVE", text.Pages[p]);
            Assert.Contains($"Page {p + 1} of {text.Pages.Count}", text.Pages[p]);
        }
        var m = document.Content;
        Assert.True(text.Contains("Croydon DAPP"));
        Assert.True(text.Contains("DI Sam Kestrel and Morgan Wren"));
        Assert.True(text.Contains("Family Justice Centre, meeting room 2"));
        Assert.Contains("Community Mental Health Team", m.AbsentCoreAgencies);
        Assert.True(text.Contains($"Core agencies not represented: {string.Join(", ", m.AbsentCoreAgencies)}."));
        Assert.True(text.Contains("confidentiality statement at the start of the meeting and every attendee acknowledged it."));
        var row = text.Find("Attendance Agency Name Attendance Where");
        foreach (var a in m.Attendance)
        {
            var at = text.Find($"{a.PersonName ?? "—"} {a.Status.Label()}", row);
            Assert.True(at > row, $"{a.AgencyName} missing from attendance or out of order");
            row = at;
        }
        Assert.True(text.Contains("Apologies: Housing Needs."));

        var position = -1;
        Assert.NotEmpty(m.Items);
        foreach (var item in m.Items)
        {
            var heading = text.Find($"{item.Order}. {item.CaseReference} — {item.Kind.Label()}");
            Assert.True(heading > position, $"Item {item.Order} is missing or out of order");
            position = heading;
            if (item.Decision is { } d)
            {
                var decision = text.Find($"Decision: {d.Outcome.Label()} {d.Rationale}", heading);
                Assert.True(decision > heading, $"Decision of item {item.Order} missing");
                position = decision;
            }
            foreach (var action in item.Actions)
            {
                var at = text.Find(action.Description, position, gap: 12);
                Assert.True(at > position, $"Action of item {item.Order} missing or out of order");
                position = at;
            }
        }
        Assert.True(text.Find("Actions from earlier meetings", position) > position);
        await AssertNoVictimDetailsAsync(text);
    }

    [Fact]
    public async Task An_agencys_action_list_holds_only_its_own_actions_by_due_date_and_no_victim_details()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[4];
        var probation = await server.DemoAsync("probation@dappanel.example", Role.AgencyMember);
        var actions = server.Services.GetRequiredService<IActionFollowUp>();

        var list = await actions.ExportActionListAsync(probation, meeting.Id);
        var all = await actions.ExportActionListAsync(await server.DemoAsync("chair@dappanel.example", Role.Chair), meeting.Id);
        var pdf = ActionListPdf.Render(list);
        PdfText.Save(pdf, "demo-actions-probation");
        PdfText.Save(ActionListPdf.Render(all), "demo-actions-all");
        var text = PdfText.Read(pdf);

        var mine = Assert.Single(list.Groups).Actions;
        Assert.NotEmpty(mine);
        Assert.All(mine, a => Assert.Equal(probation.AgencyId, a.OwnerAgencyId));
        Assert.Equal(mine.OrderBy(a => a.DueOn).Select(a => a.ActionId), mine.Select(a => a.ActionId));
        Assert.True(text.Contains("Action list — Probation Service — Croydon"));
        var position = -1;
        foreach (var a in mine)
        {
            var at = text.Find($"{Display.Day(a.DueOn)} {a.CaseReference} {a.Description}", position + 1, gap: 12);
            Assert.True(at > position, $"{a.CaseReference} action missing or out of due-date order");
            position = at;
        }
        var others = all.Groups.Where(g => g.AgencyName != list.AgencyName).ToList();
        Assert.NotEmpty(others);
        foreach (var other in others)
        {
            Assert.False(text.Contains(other.AgencyName), $"{other.AgencyName} named in probation's list");
            foreach (var description in other.Actions.Select(o => o.Description).Distinct())
                Assert.False(text.Contains(string.Join(' ', description.Split(' ').Take(3))), $"Another agency's action leaked: {description}");
        }
        Assert.True(all.Groups.Count > 1);
        await AssertNoVictimDetailsAsync(text);

        var housing = await server.DemoAsync("housing@dappanel.example", Role.AgencyMember);
        await Assert.ThrowsAsync<AccessDeniedException>(() => actions.ExportActionListAsync(housing, meeting.Id, probation.AgencyId));
    }

    async Task AssertNoVictimDetailsAsync(PdfText text)
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        foreach (var victim in await db.VictimSurvivors.ToListAsync())
        {
            Assert.False(text.All.Contains(victim.FullName.Split(' ')[1]), $"Victim name {victim.FullName} printed");
            if (victim.Address is not null) Assert.False(text.Contains(victim.Address, gap: 12), "Victim address printed");
            if (victim.Contact is not null) Assert.False(text.Contains(victim.Contact, gap: 12), "Victim contact printed");
        }
        foreach (var name in await db.Cases.Select(c => c.Perpetrator.FullName).ToListAsync())
            Assert.False(text.All.Contains(name.Split(' ')[^1]), $"Name {name} printed where the case reference should be");
    }
}
