using DapPanel.Core.Domain;

namespace DapPanel.Tests.Support;

public sealed class CaseBuilder
{
    // One sequence for the whole test run: random references collided now and then in a shared test server.
    // A prefix of their own, so a referral (numbered after the highest DAPP-yy- reference) never takes one.
    static int lastReference;
    string reference = "TEST-26-" + Interlocked.Increment(ref lastReference).ToString("000000");
    string name = "Test Perpetrator";
    DateOnly? acceptedOn;
    Guid panelId;
    readonly List<VictimSurvivor> victims = [];
    readonly List<string> aliases = [];

    public CaseBuilder Named(string fullName) { name = fullName; return this; }
    public CaseBuilder WithReference(string value) { reference = value; return this; }
    public CaseBuilder AcceptedOn(DateOnly date) { acceptedOn = date; return this; }
    public CaseBuilder WithAlias(string alias) { aliases.Add(alias); return this; }
    public CaseBuilder OnPanel(Guid id) { panelId = id; return this; }

    public CaseBuilder WithVictim(string fullName, string? address = null, string? contact = null)
    {
        victims.Add(new VictimSurvivor { FullName = fullName, Address = address, Contact = contact });
        return this;
    }

    public Case Build()
    {
        var c = new Case
        {
            PanelId = panelId,
            Reference = reference,
            Perpetrator = new Perpetrator { FullName = name, DateOfBirth = new DateOnly(1985, 4, 12), Aliases = [.. aliases] },
            ReferredOn = new DateOnly(2026, 1, 5),
        };
        c.VictimSurvivors.AddRange(victims);
        if (acceptedOn is { } date) c.Accept(date);
        return c;
    }
}
