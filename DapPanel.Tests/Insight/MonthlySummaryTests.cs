using DapPanel.Core.Audit;
using DapPanel.Core.Circulation;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Insight;
using DapPanel.Core.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace DapPanel.Tests.Insight;

public class MonthlySummaryTests : IAsyncLifetime
{
    SmallPanel small = default!;
    readonly string dataFolder = Path.Combine(Path.GetTempPath(), "dappanel-summaries", Guid.NewGuid().ToString("N"));
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 7, 0, 0, TimeSpan.Zero));
    static readonly Actor Administrator = new("admin", Guid.NewGuid(), Guid.NewGuid(), "Jo Linnet", new HashSet<Role> { Role.Administrator });

    PickupFolderEmailSender Sender => new(new StorageSettings { DataFolder = dataFolder });

    AttendanceSummaries Summaries => new(small.Database, Sender, new EmailSettings(), new AuditLog(small.Database, clock), clock,
        NullLogger<AttendanceSummaries>.Instance);

    public async Task InitializeAsync() => small = await SmallPanel.CreateAsync();

    public async Task DisposeAsync()
    {
        await small.DisposeAsync();
        try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
    }

    async Task<List<MimeMessage>> PickedUpAsync()
    {
        if (!Directory.Exists(Sender.Folder)) return [];
        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(Sender.Folder, "*.eml")) messages.Add(await MimeMessage.LoadAsync(file));
        return messages;
    }

    [Fact]
    public async Task Each_senior_contact_gets_their_agencys_month_once()
    {
        var report = await Summaries.SendMonthAsync(Administrator, new DateOnly(2026, 2, 1));

        Assert.Equal((2, 0, 2), (report.Sent, report.AlreadySent, report.WithoutContact)); // housing and health have none
        var messages = await PickedUpAsync();
        var police = Assert.Single(messages, m => m.To.Mailboxes.Single().Address == "kite@police.example");
        Assert.Equal("OFFICIAL: Police panel attendance, February 2026", police.Subject);
        var body = police.TextBody;
        Assert.Contains("Dear Supt Lesley Kite", body);
        Assert.Contains("Tue 3 Feb: Remote, arrived late", body);
        Assert.Contains("Tue 17 Feb: Apologies, information sent", body);
        Assert.Contains("Attended 1 of 2 meetings (50%), 1 remotely, 1 late.", body);
        var mentalHealth = Assert.Single(messages, m => m.To.Mailboxes.Single().Address == "shrike@nhs.example");
        Assert.Contains("has now missed 2 meetings in a row", mentalHealth.TextBody);

        var again = await Summaries.SendMonthAsync(Administrator, new DateOnly(2026, 2, 1));

        Assert.Equal((0, 2), (again.Sent, again.AlreadySent));
        Assert.Equal(2, (await PickedUpAsync()).Count);
    }

    [Fact]
    public async Task A_month_with_an_unrecorded_meeting_says_so()
    {
        await Summaries.SendMonthAsync(Administrator, new DateOnly(2026, 1, 1));

        var police = Assert.Single(await PickedUpAsync(), m => m.To.Mailboxes.Single().Address == "kite@police.example");
        Assert.Contains("Tue 20 Jan: attendance not recorded", police.TextBody);
        Assert.Contains("Tue 6 Jan: In the room", police.TextBody);
        Assert.Contains("Attended 1 of 1 meetings (100%)", police.TextBody);
    }

    [Fact]
    public async Task The_schedule_sends_last_month_on_the_first_and_nothing_on_other_days()
    {
        var first = await Summaries.SendDueAsync();
        Assert.Equal((new DateOnly(2026, 2, 1), 2), (first!.Month, first.Sent));
        Assert.Equal("February 2026", first.MonthName); // what the server's log says, not "02/01/2026"
        Assert.Equal(0, (await Summaries.SendDueAsync())!.Sent);

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(await Summaries.SendDueAsync());
        Assert.Equal(2, (await PickedUpAsync()).Count);
    }

    [Fact]
    public async Task Only_administrators_send_summaries_and_only_for_months_that_have_ended()
    {
        var chair = Administrator with { Roles = new HashSet<Role> { Role.Chair } };
        await Assert.ThrowsAsync<AccessDeniedException>(() => Summaries.SendMonthAsync(chair, new DateOnly(2026, 2, 1)));
        var early = await Assert.ThrowsAsync<DomainRuleException>(() => Summaries.SendMonthAsync(Administrator, new DateOnly(2026, 3, 1)));
        Assert.Contains("once the month has ended", early.Message);
        Assert.Empty(await PickedUpAsync());
    }
}
