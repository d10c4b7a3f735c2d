using DapPanel.Core.Domain;
using DapPanel.Core.Minutes;

namespace DapPanel.Tests.Pdf;

/// <summary>Minutes of a long meeting built in memory; the benchmark links this file too.</summary>
public static class SampleMinutes
{
    static readonly string[] Vocabulary =
    [
        "probation", "licence", "conditions", "housing", "options", "children's", "social", "care", "conference",
        "safety", "plan", "victim-survivor", "contact", "engagement", "breach", "order", "police", "call-outs",
        "review", "prison", "release", "address", "disclosure", "case", "manager", "IDVA", "support", "disrupt",
    ];

    /// <summary>Deterministic prose of about <paramref name="words"/> words, each one checkable afterwards.</summary>
    public static string Prose(int seed, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(i => Vocabulary[(seed * 7 + i * 3) % Vocabulary.Length] + (i % 11 == 10 ? "." : "")));

    public static MinutesDocument Build(int itemCount, int summaryWords = 160)
    {
        var start = new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);
        var agencies = new[] { "Police — South Area domestic abuse team", "Probation Service — Croydon", "Children's Social Care", "Housing Needs" };
        var items = Enumerable.Range(1, itemCount).Select(n => new MinutesItem(
            Guid.NewGuid(), n, $"DAPP-26-{n:000}", (AgendaItemKind)(n % 3), IsDeferred: n % 13 == 0,
            Prose(n, summaryWords), Prose(n + 100, 40),
            agencies.Take(1 + n % 4).Select((a, i) => new MinutesLever(a, LeverFamily.Support, LeverArea.Housing, Prose(n + i, 25))).ToList(),
            new MinutesDecision(DecisionOutcome.Review, Prose(n + 200, 60), null, new DateOnly(2026, 12, 8)),
            Enumerable.Range(0, 1 + n % 3).Select(i => Action(n, i, agencies[(n + i) % agencies.Length])).ToList())).ToList();
        var content = new MinutesContent("Croydon DAPP", start, 120, start, start.AddMinutes(118),
            "Family Justice Centre, meeting room 2", "https://meet.example/croydon-dapp", ["DI Sam Kestrel", "Morgan Wren"],
            agencies.Select((a, i) => new MinutesAttendanceRow(a, $"Person {i}", i % 2 == 0 ? AttendanceStatus.PresentInRoom : AttendanceStatus.PresentRemote, false)).ToList(),
            ["Community Mental Health Team"], true, Prose(999, 80), items,
            Enumerable.Range(0, 30).Select(i => Action(i, 9, agencies[i % agencies.Length])).ToList());
        var version = new MinutesVersionSummary(1, MinutesStatus.Final, "DI Sam Kestrel", start.AddDays(1), "DI Sam Kestrel", start.AddDays(1), null);
        return new MinutesDocument(content, version, [version], start.AddDays(2), "DI Sam Kestrel");
    }

    static ActionRow Action(int n, int i, string agency) => new(Guid.NewGuid(), $"DAPP-26-{n:000}", Prose(n * 5 + i, 18),
        Guid.NewGuid(), agency, i % 2 == 0 ? null : "Chris Plover", new DateOnly(2026, 11, 24).AddDays(i), new DateOnly(2026, 11, 10),
        ActionStatus.Open, null, i == 9);
}
