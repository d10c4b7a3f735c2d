using Bunit;
using DapPanel.App.Features.Minutes;
using DapPanel.Core.Domain;
using DapPanel.Core.Minutes;
using DapPanel.Core.Security;

namespace DapPanel.Tests.Components;

public class MinutesComponentsTests : BunitTest
{
    static readonly Guid MeetingId = Guid.NewGuid();

    static MinutesEditView View(MinutesStatus status) => new(MeetingId, "Croydon DAPP", DateTimeOffset.UtcNow,
        new MinutesVersionSummary(1, status, "DI Sam Kestrel", DateTimeOffset.UtcNow, null, null, null), Guid.NewGuid(),
        "General", true,
        [new MinutesItemEdit(Guid.NewGuid(), 1, "DAPP-26-031", AgendaItemKind.Review, false, DecisionOutcome.Accept, "Summary", null)],
        [new MinutesVersionSummary(1, status, "DI Sam Kestrel", DateTimeOffset.UtcNow, null, null, null)]);

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
        Assert.Equal("Summary", Assert.Single(saved!.Items).Summary);
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
    }
}
