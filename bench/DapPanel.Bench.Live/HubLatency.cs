using System.Diagnostics;
using System.Net;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using Microsoft.AspNetCore.SignalR.Client;

namespace DapPanel.Bench.Live;

/// <summary>
/// N hub clients in one meeting; one adds levers, the others time each change from send to receipt
/// (all clients share this process's clock). With two nodes, the watchers alternate between them and
/// the sender is on the first, so half the receipts cross Redis; memory is read on the first node.
/// </summary>
sealed class HubLatency(IReadOnlyList<AppProcess> nodes, Guid meetingId, Guid itemId, Guid probationAgencyId,
    CookieContainer sender, CookieContainer watchers)
{
    AppProcess First => nodes[0];

    public sealed record Result(int Clients, List<double> LatenciesMs, double BytesPerClient);

    public async Task<Result> RunAsync(int clients, int iterations, int warmup)
    {
        var before = await First.MemoryAsync();
        var receivers = new List<HubConnection>();
        var pending = new PendingRound();
        for (var i = 0; i < clients - 1; i++)
        {
            var connection = Connect(watchers, nodes[i % nodes.Count]);
            connection.On<MeetingChanged>("MeetingChanged", change =>
            {
                if (change.Kind == "lever-added") pending.Arrived(Stopwatch.GetTimestamp());
            });
            await connection.StartAsync();
            await connection.InvokeAsync("AcknowledgeConfidentiality", meetingId);
            await connection.InvokeAsync<LiveMeetingView>("JoinMeeting", meetingId);
            receivers.Add(connection);
        }
        var after = await First.MemoryAsync();

        await using var acting = Connect(sender, First);
        await acting.StartAsync();
        await acting.InvokeAsync("AcknowledgeConfidentiality", meetingId);
        await acting.InvokeAsync<LiveMeetingView>("JoinMeeting", meetingId);

        var latencies = new List<double>();
        var (answered, firstReceipts, lastReceipts) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < warmup + iterations; round++)
        {
            var done = pending.Begin(clients - 1);
            var sentAt = Stopwatch.GetTimestamp();
            await acting.InvokeAsync<long>("AddLever", Guid.NewGuid(), meetingId, itemId,
                new LeverInput(probationAgencyId, LeverFamily.Support, LeverArea.Housing, $"Benchmark lever {round}"));
            var answeredAt = Stopwatch.GetTimestamp();
            try { await done.WaitAsync(TimeSpan.FromSeconds(30)); }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Round {round} with {clients} clients: {pending.Arrivals.Count} of {clients - 1} receipts in 30 s.");
            }
            if (round < warmup) continue;
            latencies.AddRange(pending.Arrivals.Select(t => Stopwatch.GetElapsedTime(sentAt, t).TotalMilliseconds));
            answered.Add(Stopwatch.GetElapsedTime(sentAt, answeredAt).TotalMilliseconds);
            firstReceipts.Add(Stopwatch.GetElapsedTime(sentAt, pending.Arrivals.Min()).TotalMilliseconds);
            lastReceipts.Add(Stopwatch.GetElapsedTime(sentAt, pending.Arrivals.Max()).TotalMilliseconds);
        }
        // Where a round's time goes: the command answered to its sender, then the first and the last receipt.
        Console.WriteLine($"N = {clients}, medians per round: sender answered {Median(answered):0.0} ms, first receipt {Median(firstReceipts):0.0} ms, last receipt {Median(lastReceipts):0.0} ms");

        foreach (var connection in receivers) await connection.DisposeAsync();
        return new Result(clients, latencies, (after.ManagedBytes - before.ManagedBytes) / (double)Math.Max(1, clients - 1));
    }

    static double Median(List<double> values) => Stats.Percentile(values.Order().ToList(), 50);

    static HubConnection Connect(CookieContainer cookies, AppProcess node) => new HubConnectionBuilder()
        .WithUrl(node.BaseUrl + "/hubs/meeting", options => options.Cookies = cookies)
        .Build();

    sealed class PendingRound
    {
        readonly Lock gate = new();
        TaskCompletionSource done = new();
        int expected;
        public List<long> Arrivals { get; } = [];

        public Task Begin(int receivers)
        {
            lock (gate)
            {
                Arrivals.Clear();
                expected = receivers;
                done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return done.Task;
            }
        }

        public void Arrived(long timestamp)
        {
            lock (gate)
            {
                Arrivals.Add(timestamp);
                if (Arrivals.Count == expected) done.TrySetResult();
            }
        }
    }
}
