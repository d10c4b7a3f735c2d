using System.Collections.Concurrent;
using System.Diagnostics;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.GoLive;

/// <summary>
/// The backup command, run as an operator runs it while a live meeting writes: the copy is whole (integrity check)
/// and holds every change the app had acknowledged before the backup began.
/// </summary>
public class BackupTests : IAsyncLifetime
{
    readonly TestServer server = new();
    readonly string backups = Path.Combine(Path.GetTempPath(), "dappanel-tests", "backups-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        await server.InitializeAsync();
        Directory.CreateDirectory(backups);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        try { Directory.Delete(backups, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_backup_taken_while_a_live_meeting_writes_levers_every_50_ms_is_whole_and_holds_every_acknowledged_change()
    {
        var meeting = await server.CreateAsync(items: 2);
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        await server.Services.GetRequiredService<IMeetingFlow>().StartAsync(chair, Guid.NewGuid(), meeting.Id);
        var probation = await server.AgencyIdAsync(AgencyKind.Probation);
        await using var writer = await MeetingClient.ConnectAsync(server, "probation@dappanel.example", DemoLogins.Password);
        await writer.JoinAsync(meeting.Id);

        // Each lever's description and when the app acknowledged it.
        var acknowledged = new ConcurrentQueue<(string Description, long At)>();
        using var stop = new CancellationTokenSource();
        var writing = Task.Run(async () =>
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var description = $"Backup lever {n:0000}";
                await writer.Connection.InvokeAsync<long>("AddLever", Guid.NewGuid(), meeting.Id, meeting.ItemIds[n % 2],
                    new LeverInput(probation, LeverFamily.Engagement, LeverArea.ProbationContact, description));
                acknowledged.Enqueue((description, Stopwatch.GetTimestamp()));
                await Task.Delay(50);
            }
        });
        await WaitForAsync(() => acknowledged.Count >= 10, "ten levers acknowledged before the backup");

        var file = Path.Combine(backups, "dappanel-backup.db");
        var began = Stopwatch.GetTimestamp();
        var (exitCode, output) = await AppProcess.RunAsync(["backup", file], ("Storage__DataFolder", server.DataFolder),
            ("ASPNETCORE_ENVIRONMENT", "Production"));
        var countAfter = acknowledged.Count;
        await WaitForAsync(() => acknowledged.Count >= countAfter + 5, "writing carries on after the backup");
        await stop.CancelAsync();
        await writing;

        Assert.True(exitCode == 0, output);
        Assert.Contains("integrity check: ok", output);
        var before = acknowledged.Where(a => a.At < began).Select(a => a.Description).ToList();
        await using var copy = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        Assert.Equal("ok", await ScalarAsync(copy, "PRAGMA integrity_check;"));
        var inCopy = new HashSet<string>();
        await using (var read = copy.CreateCommand())
        {
            read.CommandText = "SELECT Description FROM Levers WHERE Description LIKE 'Backup lever %'";
            await using var rows = await read.ExecuteReaderAsync();
            while (await rows.ReadAsync()) inCopy.Add(rows.GetString(0));
        }
        Assert.NotEmpty(before);
        Assert.Empty(before.Except(inCopy));
        Assert.Equal("delete", await ScalarAsync(copy, "PRAGMA journal_mode;"));
        Assert.False(File.Exists(file + "-wal"), "The copy depends on a write-ahead log beside it.");

        // The app carried on: every lever acknowledged is in the live database.
        var live = await server.ReadAsync(db => Task.FromResult(db.Levers.Count(l => l.MeetingId == meeting.Id)));
        Assert.Equal(acknowledged.Count, live);
    }

    [Fact]
    public async Task The_backup_command_refuses_to_overwrite_and_says_so()
    {
        var file = Path.Combine(backups, "exists.db");
        await File.WriteAllTextAsync(file, "an earlier backup");

        var (exitCode, output) = await AppProcess.RunAsync(["backup", file], ("Storage__DataFolder", server.DataFolder),
            ("ASPNETCORE_ENVIRONMENT", "Production"));

        Assert.Equal(1, exitCode);
        Assert.Contains("already exists: name a new file", output);
        Assert.Equal("an earlier backup", await File.ReadAllTextAsync(file));
    }

    static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync()) ?? "";
    }

    static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited two minutes for {what}.");
            await Task.Delay(20);
        }
    }
}
