using DapPanel.App.Security;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DapPanel.App.Features.LiveMeeting;

public partial class LiveMeetingPage
{
    [Parameter] public Guid MeetingId { get; set; }

    [Inject] ILiveMeetingQueries Live { get; set; } = default!;
    [Inject] ActorAccessor Actors { get; set; } = default!;
    [Inject] ISnackbar Snackbar { get; set; } = default!;
    [Inject] TimeProvider Clock { get; set; } = default!;

    readonly string seat = "circuit:" + Guid.NewGuid();
    LiveMeetingState? room;
    string? loadError;
    bool joined;
    bool mustAcknowledge;
    Guid? agreementPanelId;
    bool following = true;
    Guid? chosenItemId;

    LiveItem? ShownItem => room is null ? null
        : following ? room.View.CurrentItem ?? room.View.Items.FirstOrDefault(i => i.Id == chosenItemId)
        : room.View.Items.FirstOrDefault(i => i.Id == chosenItemId) ?? room.View.CurrentItem;

    protected override Task OnInitializedAsync() => LoadAsync();

    async Task LoadAsync()
    {
        try
        {
            var actor = await Actors.GetAsync();
            room = new LiveMeetingState(actor, RunCommandAsync, Clock) { View = await Live.GetViewAsync(actor, MeetingId) };
            mustAcknowledge = false;
            agreementPanelId = null;
        }
        catch (DapPanel.Core.InformationSharing.AgreementNotAcknowledgedException unacknowledged)
        {
            agreementPanelId = unacknowledged.PanelId;
        }
        catch (DapPanel.Core.Attendance.ConfidentialityNotAcknowledgedException)
        {
            agreementPanelId = null;
            mustAcknowledge = true;
        }
        catch (UserFacingException refusal)
        {
            loadError = refusal.Message;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Presence is taken once the interactive circuit exists, not during prerendering.
        if (room is null || joined || !RendererInfo.IsInteractive) return;
        joined = true;
        await Live.JoinAsync(room.Actor, MeetingId, seat);
    }

    async Task OnMeetingChanged(MeetingChanged change)
    {
        if (room is null) return;
        try { await RefreshAsync(change.Version); }
        catch (DapPanel.Core.InformationSharing.AgreementNotAcknowledgedException unacknowledged)
        {
            // A new version of the agreement was published during the meeting: acknowledge it to go on.
            room = null;
            agreementPanelId = unacknowledged.PanelId;
            StateHasChanged();
        }
    }

    async Task RefreshAsync(long atLeastVersion)
    {
        var view = await Live.GetViewAsync(room!.Actor, MeetingId, atLeastVersion);
        if (view.Version < room.View.Version) return; // an older event arrived late
        room.View = view;
        StateHasChanged();
    }

    async Task<bool> RunCommandAsync(Func<Guid, Task<long>> command, string? success)
    {
        try
        {
            var version = await command(Guid.NewGuid());
            await RefreshAsync(version);
            if (success is not null) Snackbar.Add(success, Severity.Success);
            return true;
        }
        catch (UserFacingException refusal)
        {
            Snackbar.Add(refusal.Message, Severity.Warning, o => o.RequireInteraction = refusal is ConcurrencyConflictException);
            if (refusal is ConcurrencyConflictException) await RefreshAsync(0);
            return false;
        }
    }

    void SelectItem(Guid itemId)
    {
        chosenItemId = itemId;
        following = itemId == room?.View.CurrentItemId;
    }

    void FollowChair()
    {
        following = true;
        chosenItemId = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (joined) await Live.LeaveAsync(MeetingId, seat);
    }
}
