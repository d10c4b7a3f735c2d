using DapPanel.Core.Domain;
using DapPanel.Core.Referrals;
using DapPanel.Tests.Security.Matrix;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Security.BadInput;

/// <summary>Every hostile text in every field of the referral form, through the service the form submits to.</summary>
[Collection(MatrixCollection.Name)]
[Trait("Category", "Slow")]
public class ReferralBadInputTests(MatrixWorld world)
{
    static readonly string[] Required = ["PerpetratorName", "ReferrerName", "VictimName", "Summary"];

    public static TheoryData<string, int> Cases() => HostileText.For(
        "PerpetratorName", "ReferrerName", "Aliases", "VictimName", "VictimAddress", "VictimContact", "Summary", "OffendingHistory");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_referral_field_takes_hostile_text_safely(string field, int input)
    {
        var (name, value) = HostileText.All[input];
        var referral = await ValidReferralAsync($"{field} {input}");
        Set(referral, field, value);
        var admin = await world.Server.DemoAsync("admin@dappanel.example", Role.Administrator);
        var before = await CaseCountAsync();

        ReferralSaved? saved = null;
        string? refusal = null;
        try
        {
            saved = await world.Server.Services.GetRequiredService<IReferralService>().SubmitAsync(admin, referral);
        }
        catch (UserFacingException problem)
        {
            refusal = problem.Message;
        }

        if (refusal is not null)
        {
            HostileText.AssertClear(refusal);
            Assert.Equal(before, await CaseCountAsync());
        }
        if (Required.Contains(field) && PlainTextIsEmpty(value))
            Assert.True(refusal is not null, $"A referral with a blank {field} ({name}) was accepted.");
        if (value.Trim().Length > ReferralInput.MaxTextLength)
            Assert.True(refusal is not null, $"{field} took {name}.");
        if (saved is not null)
            await AssertStoredCleanAsync(saved.CaseId);
    }

    [Fact]
    public async Task A_script_in_a_name_is_shown_as_text_not_run()
    {
        var referral = await ValidReferralAsync("script");
        var marker = Guid.NewGuid().ToString("N")[..8]; // not the theory's script-named perpetrator or alias
        referral.PerpetratorName = $"<script>alert('{marker}')</script>";
        var admin = await world.Server.DemoAsync("admin@dappanel.example", Role.Administrator);
        var saved = await world.Server.Services.GetRequiredService<IReferralService>().SubmitAsync(admin, referral);
        using var chair = await world.ClientAsync(Persona.Chair);

        var page = await chair.GetStringAsync($"/cases/{saved.CaseId}");

        Assert.DoesNotContain(referral.PerpetratorName, page);
        Assert.Contains(marker, page);
        Assert.Contains($"&lt;script&gt;alert(&#x27;{marker}&#x27;)&lt;/script&gt;", page);
    }

    static bool PlainTextIsEmpty(string value) => PlainText.IsBlank(value);

    async Task<ReferralInput> ValidReferralAsync(string tag)
    {
        var agency = await world.Server.AgencyIdAsync(AgencyKind.Police);
        var unique = Guid.NewGuid().ToString("N")[..8];
        return new ReferralInput
        {
            Source = ReferralSource.Police, ReferrerName = "DS Referrer", ReferrerAgencyId = agency,
            ReferredOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)),
            PerpetratorName = $"Hostile Input {tag} {unique}", PerpetratorDateOfBirth = new DateOnly(1985, 3, 14),
            VictimSurvivors = [new VictimInput { FullName = $"Victim {unique}", Address = "1 High Street", Contact = "07700 900000" }],
            RiskLevel = RiskLevel.High, Summary = "Controlling behaviour and threats after separation.",
        };
    }

    static void Set(ReferralInput referral, string field, string value)
    {
        var victim = referral.VictimSurvivors[0];
        switch (field)
        {
            case "PerpetratorName": referral.PerpetratorName = value; break;
            case "ReferrerName": referral.ReferrerName = value; break;
            case "Aliases": referral.Aliases = value; break;
            case "VictimName": victim.FullName = value; break;
            case "VictimAddress": victim.Address = value; break;
            case "VictimContact": victim.Contact = value; break;
            case "Summary": referral.Summary = value; break;
            case "OffendingHistory": referral.OffendingHistory = value; break;
            default: throw new ArgumentException(field);
        }
    }

    Task<int> CaseCountAsync() => world.Server.ReadAsync(db => db.Cases.CountAsync());

    async Task AssertStoredCleanAsync(Guid caseId)
    {
        var stored = await world.Server.ReadAsync(db => db.Cases.Include(c => c.VictimSurvivors).SingleAsync(c => c.Id == caseId));
        var referral = await world.Server.ReadAsync(db => db.Referrals.SingleAsync(r => r.CaseId == caseId));
        string?[] texts =
        [
            stored.Perpetrator.FullName, stored.Summary, stored.OffendingHistory, referral.ReferrerName,
            .. stored.Perpetrator.Aliases, .. stored.VictimSurvivors.SelectMany(v => new[] { v.FullName, v.Address, v.Contact }),
        ];
        foreach (var text in texts) HostileText.AssertStorable(text);
        Assert.False(PlainText.IsBlank(stored.Perpetrator.FullName));
    }
}
