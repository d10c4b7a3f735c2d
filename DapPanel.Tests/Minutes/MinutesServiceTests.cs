using DapPanel.App.Features.Minutes;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Minutes;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Minutes;

[Collection(DemoServerCollection.Name)]
public class MinutesServiceTests(TestServer server)
{
    IMinutesService Minutes => server.Services.GetRequiredService<IMinutesService>();

    static MinutesTexts Texts(MinutesEditView view, string? notes, Func<MinutesItemEdit, string?>? itemNotes = null) =>
        new(notes, view.ConfidentialityStatementRead, view.Items.Select(i => new MinutesItemText
        {
            AgendaItemId = i.AgendaItemId, Summary = i.Summary, Notes = itemNotes?.Invoke(i) ?? i.Notes,
        }).ToList());

    [Fact]
    public async Task The_draft_is_made_from_a_closed_meetings_records_and_only_chairs_may_work_on_it()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[2];
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);

        var view = await Minutes.GetForEditAsync(chair, meeting.Id);

        Assert.Equal(1, view.Current.Number);
        Assert.Equal(MinutesStatus.Draft, view.Current.Status);
        Assert.Equal(meeting.ItemCount, view.Items.Count);
        Assert.All(view.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Summary)));
        Assert.Equal(view.Current.Number, (await Minutes.GetForEditAsync(chair, meeting.Id)).Current.Number);

        var housing = await server.DemoAsync("housing@dappanel.example", Role.AgencyMember);
        var admin = await server.DemoAsync("admin@dappanel.example", Role.Administrator);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Minutes.GetForEditAsync(admin, meeting.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Minutes.ExportMinutesAsync(housing, meeting.Id));
        var document = await Minutes.ExportMinutesAsync(admin, meeting.Id);
        Assert.Equal(MinutesStatus.Draft, document.Version.Status);

        var upcoming = await DemoMeetings.UpcomingAsync(server);
        await Assert.ThrowsAsync<DomainRuleException>(() => Minutes.GetForEditAsync(chair, upcoming.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Minutes.GetForEditAsync(chair, Guid.NewGuid()));
    }

    [Fact]
    public async Task Final_minutes_change_only_by_a_versioned_correction_and_the_old_version_stays_downloadable()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[0];
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        var draft = await Minutes.GetForEditAsync(chair, meeting.Id);
        var saved = await Minutes.SaveDraftAsync(chair, meeting.Id, Texts(draft, "Original general notes."), draft.Version);
        var final = await Minutes.FinaliseAsync(chair, meeting.Id, Texts(saved, "Original general notes."), saved.Version);
        Assert.Equal(MinutesStatus.Final, final.Current.Status);

        await Assert.ThrowsAsync<DomainRuleException>(() =>
            Minutes.SaveDraftAsync(chair, meeting.Id, Texts(final, "Changed quietly."), final.Version));
        await Assert.ThrowsAsync<DomainRuleException>(() =>
            Minutes.CorrectAsync(chair, meeting.Id, Texts(final, "Corrected notes."), "  ", final.Version));
        var corrected = await Minutes.CorrectAsync(chair, meeting.Id, Texts(final, "Corrected general notes."),
            "Housing's attendance was recorded wrongly.", final.Version);

        Assert.Equal(2, corrected.Current.Number);
        Assert.Equal(MinutesStatus.Final, corrected.Current.Status);
        Assert.Equal("Housing's attendance was recorded wrongly.", corrected.Current.CorrectionReason);
        Assert.Equal(chair.Name, corrected.Current.CreatedByName);
        Assert.Equal([1, 2], corrected.Versions.Select(v => v.Number));

        var first = PdfText.Read(MinutesPdf.Render(await Minutes.ExportMinutesAsync(chair, meeting.Id, 1)));
        var second = PdfText.Read(MinutesPdf.Render(await Minutes.ExportMinutesAsync(chair, meeting.Id)));
        Assert.True(first.Contains("Original general notes."));
        Assert.False(first.Contains("Corrected general notes."));
        Assert.True(second.Contains("Corrected general notes."));
        Assert.True(second.Contains("Reason: Housing's attendance was recorded wrongly."));
        await Assert.ThrowsAsync<NotFoundException>(() => Minutes.ExportMinutesAsync(chair, meeting.Id, 9));
    }

    [Fact]
    public async Task Member_agencies_download_the_final_minutes_and_never_a_draft()
    {
        var meeting = await DemoMeetings.EarlierClosedAsync(server, before: 0);
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        var housing = await server.DemoAsync("housing@dappanel.example", Role.AgencyMember);
        var unacknowledged = await server.DemoAsync("health@dappanel.example", Role.AgencyMember);
        var manager = await server.DemoAsync("manager@dappanel.example", Role.Manager);

        var unsaved = await Assert.ThrowsAsync<AccessDeniedException>(() => Minutes.ExportMinutesAsync(housing, meeting.Id));
        Assert.Equal(MinutesService.DraftsRefusal, unsaved.Message);
        var draft = await Minutes.GetForEditAsync(chair, meeting.Id);
        var saved = await Minutes.SaveDraftAsync(chair, meeting.Id, Texts(draft, "Read by every agency."), draft.Version);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Minutes.ExportMinutesAsync(housing, meeting.Id));
        await Minutes.FinaliseAsync(chair, meeting.Id, Texts(saved, "Read by every agency."), saved.Version);

        var document = await Minutes.ExportMinutesAsync(housing, meeting.Id);
        Assert.Equal(MinutesStatus.Final, document.Version.Status);
        Assert.True(PdfText.Read(MinutesPdf.Render(document)).Contains("Read by every agency."));
        await Assert.ThrowsAnyAsync<AccessDeniedException>(() => Minutes.ExportMinutesAsync(unacknowledged, meeting.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Minutes.ExportMinutesAsync(manager, meeting.Id));
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.MeetingId == meeting.Id && e.UserId == housing.UserId
            && e.Action == AuditAction.Exported));
    }

    [Fact]
    public async Task A_save_from_a_stale_copy_is_refused_as_a_conflict()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[1];
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        var cochair = await server.DemoAsync("cochair@dappanel.example", Role.Chair);
        var mine = await Minutes.GetForEditAsync(chair, meeting.Id);
        var theirs = await Minutes.GetForEditAsync(cochair, meeting.Id);

        await Minutes.SaveDraftAsync(cochair, meeting.Id, Texts(theirs, "Co-chair's notes."), theirs.Version);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Minutes.SaveDraftAsync(chair, meeting.Id, Texts(mine, "Chair's notes."), mine.Version));

        Assert.Contains("Reload", conflict.Message);
        Assert.Equal("Co-chair's notes.", (await Minutes.GetForEditAsync(chair, meeting.Id)).GeneralNotes);
    }

    [Fact]
    public async Task Over_long_text_is_refused_with_the_limit()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[1];
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        var view = await Minutes.GetForEditAsync(chair, meeting.Id);

        var error = await Assert.ThrowsAsync<DomainRuleException>(() => Minutes.SaveDraftAsync(chair, meeting.Id,
            Texts(view, null, _ => new string('x', MinutesVersion.MaxNotesLength + 1)), view.Version));

        Assert.Contains(MinutesVersion.MaxNotesLength.ToString(), error.Message);
    }

    [Fact]
    public async Task Every_download_is_audited_as_an_export()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[3];
        var admin = await server.DemoAsync("admin@dappanel.example", Role.Administrator);

        await Minutes.ExportMinutesAsync(admin, meeting.Id);
        await server.Services.GetRequiredService<IActionFollowUp>().ExportActionListAsync(admin, meeting.Id);

        var factory = server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var exports = await db.AuditEvents.Where(e => e.Action == AuditAction.Exported && e.MeetingId == meeting.Id
            && e.UserId == admin.UserId).Select(e => e.Summary).ToListAsync();
        Assert.Contains(exports, s => s.StartsWith("Downloaded minutes version 1"));
        Assert.Contains(exports, s => s.StartsWith("Downloaded the action list for all agencies"));
    }

    [Fact]
    public async Task Reading_or_downloading_the_minutes_stores_nothing_before_the_chair_saves()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[3];
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        Task<int> VersionsAsync() => server.ReadAsync(db => db.MinutesVersions.CountAsync(v => v.MeetingId == meeting.Id));
        Assert.Equal(0, await VersionsAsync());

        var view = await Minutes.GetForEditAsync(chair, meeting.Id);
        var document = await Minutes.ExportMinutesAsync(chair, meeting.Id);
        var first = await Minutes.ExportMinutesAsync(chair, meeting.Id, 1);

        Assert.False(view.IsSaved);
        Assert.Empty(view.Versions);
        Assert.Equal(meeting.ItemCount, view.Content.Items.Count);
        Assert.All(view.Content.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Summary)));
        Assert.Equal((1, MinutesStatus.Draft, false), (document.Version.Number, document.Version.Status, document.Version.IsSaved));
        Assert.False(first.Version.IsSaved);
        Assert.True(PdfText.Read(MinutesPdf.Render(document)).Contains("DRAFT — not yet saved or finalised by the chair."));
        await Assert.ThrowsAsync<NotFoundException>(() => Minutes.ExportMinutesAsync(chair, meeting.Id, 2));
        Assert.Equal(0, await VersionsAsync());
    }

    [Fact]
    public async Task The_first_save_drafts_version_1_and_a_second_chair_saving_from_the_unsaved_draft_is_told_to_reload()
    {
        var meeting = (await DemoMeetings.ClosedAsync(server))[2];
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        var cochair = await server.DemoAsync("cochair@dappanel.example", Role.Chair);
        var mine = await Minutes.GetForEditAsync(chair, meeting.Id);
        var theirs = await Minutes.GetForEditAsync(cochair, meeting.Id);
        Assert.False(mine.IsSaved);

        var saved = await Minutes.SaveDraftAsync(chair, meeting.Id, Texts(mine, "First save."), mine.Version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Minutes.SaveDraftAsync(cochair, meeting.Id, Texts(theirs, "Co-chair's first save."), theirs.Version));

        Assert.True(saved.IsSaved);
        Assert.Equal([1], saved.Versions.Select(v => v.Number));
        Assert.Equal("First save.", (await Minutes.GetForEditAsync(cochair, meeting.Id)).GeneralNotes);
        var audited = await server.ReadAsync(db => db.AuditEvents.CountAsync(e => e.MeetingId == meeting.Id
            && e.Summary == "Drafted the minutes from the meeting's records"));
        Assert.Equal(1, audited);
    }
}
