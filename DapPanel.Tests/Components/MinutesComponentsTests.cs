using Bunit;
using DapPanel.App.Features.Minutes;
using DapPanel.Core.Domain;
using DapPanel.Core.Minutes;
using DapPanel.Core.Security;
using DapPanel.Tests.Pdf;
using MudBlazor;

namespace DapPanel.Tests.Components;

public class MinutesComponentsTests : BunitTest
{
    static readonly Guid MeetingId = Guid.NewGuid();

    /// <summary>The chair's view of two sample items, as the service builds it from the same content the PDF prints.</summary>
    static MinutesEditView View(MinutesStatus status, bool saved = true)
    {
        var content = SampleMinutes.Build(2).Content;
        var current = new MinutesVersionSummary(1, status, "DI Sam Kestrel", DateTimeOffset.UtcNow, null, null, null, saved);
        return new MinutesEditView(MeetingId, "Croydon DAPP", DateTimeOffset.UtcNow, current, saved ? Guid.NewGuid() : Guid.Empty,
            "General", true,
            content.Items.Select(i => new MinutesItemEdit(i.AgendaItemId, i.Order, i.CaseReference, i.Kind, i.IsDeferred,
                i.Decision?.Outcome, i.Summary, i.Notes)).ToList(),
            saved ? [current] : [], content);
    }

    static Actor ActorWith(Role role) => new("u", Guid.NewGuid(), Guid.NewGuid(), "Someone", new HashSet<Role> { role });

    [Fact]
    public async Task A_draft_saves_the_chairs_text_and_over_long_notes_are_refused_with_the_limit()
    {
        MinutesTexts? saved = null;
        var cut = Render<MinutesForm>(p => p.Add(x => x.View, View(MinutesStatus.Draft))
            .Add(x => x.OnSave, (MinutesTexts t) => saved = t));

        cut.FindAll("textarea")[0].Change(new string('x', MinutesVersion.MaxGeneralNotesLength + 5));
        await cut.InvokeAsync(() => cut.FindAll("button").First(b => b.TextContent.Contains("Save draft")).Click());
        Assert.Null(saved);
        Assert.Contains($"At most {MinutesVersion.MaxGeneralNotesLength} characters", cut.Markup);

        cut.FindAll("textarea")[0].Change("Corrected notes");
        await cut.InvokeAsync(() => cut.FindAll("button").First(b => b.TextContent.Contains("Save draft")).Click());
        Assert.Equal("Corrected notes", saved?.GeneralNotes);
        Assert.Equal(SampleMinutes.Build(2).Content.Items.Select(i => i.Summary), saved!.Items.Select(i => i.Summary));
    }

    [Fact]
    public void The_form_shows_the_minutes_as_printed_with_the_chairs_text_editable_in_place()
    {
        var view = View(MinutesStatus.Draft);
        var cut = Render<MinutesForm>(p => p.Add(x => x.View, view));

        var text = cut.Find(".minutes-form").TextContent;
        var m = view.Content;
        Assert.Contains("Family Justice Centre, meeting room 2", text);
        Assert.Contains("DI Sam Kestrel and Morgan Wren", text);
        Assert.All(m.Attendance, a => Assert.Contains(a.AgencyName, cut.Find(".minutes-attendance").TextContent));
        Assert.Contains("Core agencies not represented: Community Mental Health Team.", text);
        Assert.Contains("The chair read the confidentiality statement", text);
        var items = cut.FindAll(".minutes-item");
        Assert.Equal(m.Items.Count, items.Count);
        for (var i = 0; i < m.Items.Count; i++)
        {
            var item = m.Items[i];
            var shown = items[i];
            Assert.Contains($"{item.Order}. {item.CaseReference}", shown.QuerySelector("h3")!.TextContent);
            Assert.Equal(item.Summary, shown.QuerySelectorAll("textarea")[0].GetAttribute("value") ?? shown.QuerySelectorAll("textarea")[0].TextContent);
            Assert.All(item.Levers, l => Assert.Contains(l.Description, shown.QuerySelector(".minutes-levers")!.TextContent));
            Assert.Contains($"Decision: {item.Decision!.Outcome.Label()}", shown.QuerySelector(".minutes-decision")!.TextContent);
            Assert.Contains(item.Decision.Rationale, shown.QuerySelector(".minutes-decision")!.TextContent);
            Assert.All(item.Actions, a => Assert.Contains(a.Description, shown.QuerySelector(".minutes-actions")!.TextContent));
        }
        Assert.All(m.OutstandingActions, a => Assert.Contains(a.Description, cut.FindAll(".minutes-actions")[^1].TextContent));

        cut.Find("input[type=checkbox]").Change(false);
        Assert.Contains("The confidentiality statement was not recorded as read", cut.Find(".minutes-confidentiality").TextContent);
    }

    [Fact]
    public async Task Finalising_asks_first_naming_the_version_and_who_receives_the_minutes()
    {
        var dialogs = Render<MudDialogProvider>();
        var finalised = 0;
        var view = View(MinutesStatus.Draft);
        var cut = Render<MinutesForm>(p => p.Add(x => x.View, view).Add(x => x.OnFinalise, (MinutesTexts _) => finalised++));

        await cut.InvokeAsync(() => cut.FindAll("button").First(b => b.TextContent.Contains("Finalise the minutes")).Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Finalise version 1 of the minutes?", dialogs.Markup));
        Assert.Contains("Probation Service — Croydon", dialogs.Markup);
        Assert.Contains("the chairs (DI Sam Kestrel and Morgan Wren)", dialogs.Markup);
        Assert.Contains("every member agency of the panel", dialogs.Markup);
        Assert.Equal(0, finalised);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").First(b => b.TextContent.Contains("Keep editing")).Click());
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Finalise version 1 of the minutes?", dialogs.Markup));
        Assert.Equal(0, finalised);

        await cut.InvokeAsync(() => cut.FindAll("button").First(b => b.TextContent.Contains("Finalise the minutes")).Click());
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Contains("Finalise version 1")));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").First(b => b.TextContent.Contains("Finalise version 1")).Click());
        cut.WaitForAssertion(() => Assert.Equal(1, finalised));
    }

    [Fact]
    public void What_the_chair_typed_survives_a_re_render_while_saving()
    {
        var view = View(MinutesStatus.Draft);
        var cut = Render<MinutesForm>(p => p.Add(x => x.View, view));

        cut.FindAll("textarea")[0].Change("Typed before saving");
        cut.Render(p => p.Add(x => x.View, view).Add(x => x.Busy, true));

        Assert.Contains("Typed before saving", cut.FindAll("textarea")[0].GetAttribute("value") ?? cut.FindAll("textarea")[0].TextContent);
    }

    [Fact]
    public async Task Final_minutes_are_read_only_until_a_correction_with_a_reason_is_started()
    {
        (MinutesTexts, string)? corrected = null;
        var cut = Render<MinutesForm>(p => p.Add(x => x.View, View(MinutesStatus.Final))
            .Add(x => x.OnCorrect, ((MinutesTexts, string) c) => corrected = c));

        Assert.Contains("final and locked", cut.Markup);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Save draft"));
        Assert.NotEmpty(cut.FindAll("textarea"));
        Assert.All(cut.FindAll("textarea"), t => Assert.True(t.HasAttribute("readonly")));

        await cut.InvokeAsync(() => cut.FindAll("button").First(b => b.TextContent.Contains("Make a correction")).Click());
        await cut.InvokeAsync(() => cut.FindAll("button").First(b => b.TextContent.Contains("Save correction as version 2")).Click());
        Assert.Null(corrected);
        Assert.Contains("Say why the final minutes are being corrected.", cut.Markup);

        cut.Find(".correction-reason input").Change("Wrong attendance for housing");
        await cut.InvokeAsync(() => cut.FindAll("button").First(b => b.TextContent.Contains("Save correction")).Click());
        Assert.Equal("Wrong attendance for housing", corrected?.Item2);
    }

    [Fact]
    public void Versions_link_to_each_versions_pdf()
    {
        var cut = Render<MinutesVersions>(p => p.Add(x => x.MeetingId, MeetingId).Add(x => x.Versions,
        [
            new MinutesVersionSummary(1, MinutesStatus.Final, "DI Sam Kestrel", DateTimeOffset.UtcNow, "DI Sam Kestrel", DateTimeOffset.UtcNow, null),
            new MinutesVersionSummary(2, MinutesStatus.Final, "Morgan Wren", DateTimeOffset.UtcNow, "Morgan Wren", DateTimeOffset.UtcNow, "Typo in item 3"),
        ]));

        var links = cut.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/meetings/{MeetingId}/minutes.pdf?version=2", $"/meetings/{MeetingId}/minutes.pdf?version=1"], links);
        Assert.Contains("Typo in item 3", cut.Markup);
    }

    [Fact]
    public void Agency_members_are_offered_only_their_own_agencys_list_and_chairs_everything()
    {
        var member = ActorWith(Role.AgencyMember);
        var asMember = Render<MeetingDocuments>(p => p.Add(x => x.MeetingId, MeetingId).Add(x => x.Actor, member));
        var asChair = Render<MeetingDocuments>(p => p.Add(x => x.MeetingId, MeetingId).Add(x => x.Actor, ActorWith(Role.Chair)));

        Assert.Equal([$"/meetings/{MeetingId}/actions.pdf?agency={member.AgencyId}"],
            asMember.FindAll("a").Select(a => a.GetAttribute("href")));
        var chairLinks = asChair.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/meetings/{MeetingId}/minutes", chairLinks);
        Assert.Contains($"/meetings/{MeetingId}/minutes.pdf", chairLinks);
        Assert.Contains($"/meetings/{MeetingId}/actions.pdf", chairLinks);
    }

    [Fact]
    public void Actions_coming_back_mark_the_overdue_and_offer_recording_only_where_allowed()
    {
        ActionComingBack Row(string text, bool overdue, bool mayRecord) => new(new ActionRow(Guid.NewGuid(), "DAPP-26-031",
            text, Guid.NewGuid(), "Housing Needs", null, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 10),
            ActionStatus.Open, null, overdue), Guid.NewGuid(), mayRecord);
        var back = new ActionsComingBack(MeetingId, [new CaseActionsComingBack(Guid.NewGuid(), "DAPP-26-031", true,
            [Row("Offer housing options", true, true), Row("Share licence conditions", false, false)])]);

        var cut = Render<ActionsComingBackList>(p => p.Add(x => x.ComingBack, back)
            .Add(x => x.OnRecord, (OutcomeChoice _) => Task.FromResult<string?>(null)));

        var rows = cut.FindAll("tr.coming-back-action");
        Assert.Contains("Overdue", rows[0].TextContent);
        Assert.Contains("Record", rows[0].TextContent);
        Assert.DoesNotContain("Overdue", rows[1].TextContent);
        Assert.DoesNotContain("Record", rows[1].TextContent);
        Assert.Contains("2 open, 1 overdue", cut.Markup);
        Assert.Contains("on this agenda", cut.Markup);

        // One button per row; the outcome form opens only for the row whose outcome is being recorded.
        Assert.Empty(cut.FindAll(".record-outcome"));
        cut.Find("tr.coming-back-action .record-outcome-open").Click();
        Assert.Single(cut.FindAll(".record-outcome"));
    }
}
