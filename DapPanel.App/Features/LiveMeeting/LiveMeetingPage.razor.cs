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
    [Inject] ILogger<LiveMeetingPage> Log { get; set; } = default!;

    /// <summary>The longest wait between tries to bring the room up to date after a failure.</summary>
    static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(15);

    readonly string seat = "circuit:" + Guid.NewGuid();
    // Cancelled when the person leaves: loads and commands under way are no longer wanted.
    readonly CancellationTokenSource closing = new();
    LiveMeetingState? room;
    string? loadError;
    string? refreshProblem;
    bool joined;
    bool mustAcknowledge;
    Guid? agreementPanelId;
    bool following = true;
    Guid? chosenItemId;
    long retryVersion;
    bool retrying;
    // The chair's attendance record as last read (for the quorum in the header), and whether it is open on a laptop.
    DapPanel.Core.Attendance.MeetingAttendanceView? attendance;
    bool peopleOpen;
    // Where the keyboard goes after the attendance opened or closed beside the room on a laptop.
    bool movePeopleFocus;
    ElementReference peoplePanel;
    LiveHeader? header;

    string LayoutClass => room?.IsChair == true
        ? "live-layout live-layout-chair" + (peopleOpen ? " people-open" : "")
        : "live-layout live-layout-attendee";

    LiveItem? ShownItem => room is null ? null
        : following ? room.View.CurrentItem ?? room.View.Items.FirstOrDefault(i => i.Id == chosenItemId)
        : room.View.Items.FirstOrDefault(i => i.Id == chosenItemId) ?? room.View.CurrentItem;

    protected override Task OnInitializedAsync() => LoadAsync();

    async Task LoadAsync()
    {
        try
        {
            var actor = await Actors.GetAsync();
            room = new LiveMeetingState(actor, RunCommandAsync, Clock, closing.Token)
            {
                View = await Live.GetViewAsync(actor, MeetingId, cancellationToken: closing.Token),
            };
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

    void ShowPeople(bool open)
    {
        peopleOpen = open;
        movePeopleFocus = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (movePeopleFocus)
        {
            movePeopleFocus = false;
            if (peopleOpen) await peoplePanel.FocusAsync();
            else if (header is not null) await header.FocusToggleAsync();
        }
        // Presence is taken once the interactive circuit exists, not during prerendering.
        if (room is null || joined || !RendererInfo.IsInteractive) return;
        joined = true;
        try
        {
            await Live.JoinAsync(room.Actor, MeetingId, seat, closing.Token);
        }
        catch (Exception fault) when (fault is not UserFacingException && !closing.IsCancellationRequested)
        {
            // Taken again after the next render; the room itself is shown meanwhile.
            Log.LogWarning(fault, "Taking a seat in the live room failed; trying again");
            joined = false;
        }
    }

    async Task OnMeetingChanged(MeetingChanged change)
    {
        if (room is null) return;
        try
        {
            await RefreshAsync(change.Version);
        }
        catch (DapPanel.Core.InformationSharing.AgreementNotAcknowledgedException unacknowledged)
        {
            // A new version of the agreement was published during the meeting: acknowledge it to go on.
            room = null;
            agreementPanelId = unacknowledged.PanelId;
            StateHasChanged();
        }
        catch (Exception fault) when (IsTransient(fault))
        {
            Log.LogWarning(fault, "Bringing the live room up to date failed; trying again");
            RetryLater(change.Version);
        }
    }

    async Task RefreshAsync(long atLeastVersion)
    {
        var view = await Live.GetViewAsync(room!.Actor, MeetingId, atLeastVersion, closing.Token);
        if (view.Version < room.View.Version) return; // an older event arrived late
        var started = room.View.Status != MeetingStatus.Live && view.Status == MeetingStatus.Live;
        room.View = view;
        refreshProblem = null;
        StateHasChanged();
        // Reading ahead becomes attending when the meeting starts with the person in the room.
        if (started && joined) await Live.JoinAsync(room.Actor, MeetingId, seat, closing.Token);
    }

    /// <summary>
    /// A refresh that failed for a reason of the server's (the database busy or away) is tried again, sooner then
    /// later, until it works; the room shows what it had, says it is catching up, and the circuit carries on.
    /// </summary>
    void RetryLater(long version)
    {
        retryVersion = Math.Max(retryVersion, version);
        refreshProblem = "The room could not be brought up to date just now; trying again…";
        StateHasChanged();
        if (retrying) return;
        retrying = true;
        _ = RetryAsync();
    }

    async Task RetryAsync()
    {
        var wait = TimeSpan.FromMilliseconds(250);
        while (!closing.IsCancellationRequested)
        {
            try { await Task.Delay(wait, closing.Token); }
            catch (OperationCanceledException) { return; }
            var done = false;
            await InvokeAsync(async () =>
            {
                if (room is null)
                {
                    done = true;
                    return;
                }
                try
                {
                    await RefreshAsync(retryVersion);
                    done = true;
                }
                catch (Exception fault) when (IsTransient(fault))
                {
                    Log.LogDebug(fault, "The live room is still not up to date; trying again");
                }
            });
            if (done) break;
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetry.Ticks));
        }
        retrying = false;
    }

    bool IsTransient(Exception fault) => fault is not UserFacingException && !closing.IsCancellationRequested;

    async Task<bool> RunCommandAsync(Func<Guid, Task<long>> command, string? success)
    {
        long version;
        try
        {
            version = await command(Guid.NewGuid());
        }
        catch (UserFacingException refusal)
        {
            Snackbar.Add(refusal.Message, Severity.Warning, o => o.RequireInteraction = refusal is ConcurrencyConflictException);
            if (refusal is ConcurrencyConflictException) await RefreshOrRetryAsync(0);
            return false;
        }
        catch (Exception fault) when (IsTransient(fault))
        {
            // What the person typed stays in the form: they can send it again.
            Log.LogError(fault, "A live-room command failed");
            Snackbar.Add("That could not be saved just now; what you entered is kept. Try again in a moment.", Severity.Error,
                o => o.RequireInteraction = true);
            return false;
        }
        await RefreshOrRetryAsync(version);
        if (success is not null) Snackbar.Add(success, Severity.Success);
        return true;
    }

    async Task RefreshOrRetryAsync(long version)
    {
        try { await RefreshAsync(version); }
        catch (Exception fault) when (IsTransient(fault)) { RetryLater(version); }
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
        closing.Cancel();
        closing.Dispose();
        if (joined) await Live.LeaveAsync(MeetingId, seat);
    }
}
