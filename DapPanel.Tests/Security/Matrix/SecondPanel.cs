using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Security.Matrix;

/// <summary>
/// A second panel in the matrix's deployment (a neighbouring borough's): its own agencies, chair and member, a
/// circulated meeting, a live one and a closed one, and names that must never reach the demo panel's people.
/// </summary>
public sealed record SecondPanel(Guid PanelId, Guid UpcomingMeetingId, TestMeeting LiveMeeting, Guid ClosedMeetingId, Guid CaseId,
    Guid AgencyId, IReadOnlyList<string> PerpetratorNames, IReadOnlyList<string> VictimNames)
{
    public const string Name = "Sutton DAPP";
    public const string ChairEmail = "chair@sutton-dapp.example";
    public const string MemberEmail = "police@sutton-dapp.example";

    public static async Task<SecondPanel> CreateAsync(MatrixWorld world)
    {
        var server = world.Server;
        var police = new Agency { Name = "Sutton Police", Kind = AgencyKind.Police };
        var idva = new Agency { Name = "Sutton IDVA Service", Kind = AgencyKind.IdvaService };
        var panel = new Panel { Name = Name, Area = "London Borough of Sutton" };
        panel.Members.Add(new PanelMembership { AgencyId = police.Id, IsCore = true });
        panel.Members.Add(new PanelMembership { AgencyId = idva.Id, IsCore = true });
        await server.ReadAsync(async db =>
        {
            db.AddRange(police, idva, panel);
            db.InformationSharingAgreements.Add(new InformationSharingAgreement
            {
                PanelId = panel.Id, Number = 1, Text = "Sutton's agencies share what each needs.", PublishedAt = DateTimeOffset.UtcNow,
                PublishedByName = "Sutton coordinator",
            });
            return await db.SaveChangesAsync();
        });
        var chair = await world.AddPersonAsync(ChairEmail, "DI Sutton Chair", police.Id, Role.Chair);
        var member = await world.AddPersonAsync(MemberEmail, "PC Sutton Member", police.Id);
        await server.ReadAsync(async db =>
        {
            db.PanelChairs.Add(new PanelChair { PanelId = panel.Id, PersonId = chair });
            db.AgreementAcknowledgements.AddRange(new[] { chair, member }.Select(p => new AgreementAcknowledgement
            {
                PanelId = panel.Id, AgreementNumber = 1, PersonId = p, AcknowledgedAt = DateTimeOffset.UtcNow,
            }));
            return await db.SaveChangesAsync();
        });

        string[] perpetrators = ["Sutton Perpetrator Upcoming", "Sutton Perpetrator Live", "Sutton Perpetrator Closed"];
        string[] victims = ["Sutton Victim Upcoming", "Sutton Victim Live", "Sutton Victim Closed"];
        Func<int, Case> Named(int which) => _ => new CaseBuilder().Named(perpetrators[which]).WithVictim(victims[which]).Build();
        var upcoming = await server.CreateAsync(items: 1, daysAhead: 12, caseFor: Named(0), panelName: Name);
        var live = await server.CreateAsync(items: 1, daysAhead: 0, caseFor: Named(1), panelName: Name);
        var closed = await server.CreateAsync(items: 1, daysAhead: -14, caseFor: Named(2), status: MeetingStatus.Closed, panelName: Name);
        var suttonChair = await server.DemoAsync(ChairEmail, Role.Chair);
        await server.Services.GetRequiredService<IMeetingFlow>().StartAsync(suttonChair, Guid.NewGuid(), live.Id);
        return new SecondPanel(panel.Id, upcoming.Id, live, closed.Id, upcoming.CaseIds[0], police.Id, perpetrators, victims);
    }
}
