using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DapPanel.Tests.LiveMeeting;

/// <summary>
/// Every open room asks who is present after every change, and every change reaches every room: the present list
/// is worked out once per change of seats, and the notifier lets rooms take a change side by side.
/// </summary>
public class PresenceAndFanOutTests
{
    static readonly Guid Meeting = Guid.NewGuid();
    static readonly Guid Police = Guid.NewGuid();
    static readonly IReadOnlyDictionary<Guid, string> AgencyNames = new Dictionary<Guid, string> { [Police] = "Police" };

    static Actor Person(string name) => new("user-" + name, Guid.NewGuid(), Police, name, new HashSet<Role> { Role.AgencyMember });

    [Fact]
    public void The_present_list_is_shared_until_someone_joins_or_leaves()
    {
        var presence = new MeetingPresence(new FakeTimeProvider());
        presence.Join(Meeting, "seat-1", Person("Sam Kestrel"));

        var first = presence.Present(Meeting, AgencyNames);
        Assert.Same(first, presence.Present(Meeting, AgencyNames));

        presence.Join(Meeting, "seat-2", Person("Chris Plover"));
        var afterJoin = presence.Present(Meeting, AgencyNames);
        Assert.Equal(["Chris Plover", "Sam Kestrel"], afterJoin.Select(p => p.FullName));

        presence.Leave(Meeting, "seat-1", out _, out _);
        Assert.Equal(["Chris Plover"], presence.Present(Meeting, AgencyNames).Select(p => p.FullName));
    }

    [Fact]
    public void New_agency_names_give_a_new_list()
    {
        var presence = new MeetingPresence(new FakeTimeProvider());
        presence.Join(Meeting, "seat-1", Person("Sam Kestrel"));
        presence.Present(Meeting, AgencyNames);

        var renamed = presence.Present(Meeting, new Dictionary<Guid, string> { [Police] = "Police — South Area" });

        Assert.Equal("Police — South Area", Assert.Single(renamed).AgencyName);
    }

    [Fact]
    public async Task A_change_reaches_every_subscriber_without_waiting_for_one_that_is_busy()
    {
        var notifier = new InProcessMeetingNotifier(NullLogger<InProcessMeetingNotifier>.Instance);
        var busy = new ManualResetEventSlim();
        var otherTook = new TaskCompletionSource();
        // A subscriber that holds its thread (as a room rendering would) must not hold up the others or the publisher.
        using var slow = notifier.Subscribe(Meeting, _ => { busy.Wait(TimeSpan.FromSeconds(10)); return Task.CompletedTask; });
        using var other = notifier.Subscribe(Meeting, _ => { otherTook.TrySetResult(); return Task.CompletedTask; });

        try
        {
            var publishing = Task.Run(() => notifier.PublishAsync(new MeetingChanged(Meeting, 1, "lever", Guid.NewGuid())));

            await publishing.WaitAsync(TimeSpan.FromSeconds(5));
            await otherTook.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }
        finally { busy.Set(); }
    }
}
