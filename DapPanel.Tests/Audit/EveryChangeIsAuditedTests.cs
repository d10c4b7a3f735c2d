using DapPanel.Core.Panels;
using DapPanel.Core.Import;
using System.Reflection;
using DapPanel.Core.Administration;
using DapPanel.Core.Agenda;
using DapPanel.Core.Attendance;
using DapPanel.Core.Audit;
using DapPanel.Core.Cases;
using DapPanel.Core.Circulation;
using DapPanel.Core.Data;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.Evaluation;
using DapPanel.Core.Intake;
using DapPanel.Core.Insight;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Minutes;
using DapPanel.Core.Referrals;
using DapPanel.Core.Research;
using DapPanel.Core.Retention;
using DapPanel.Core.ReviewUpdates;
using DapPanel.Core.Security;
using DapPanel.Core.InformationSharing;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Audit;

/// <summary>The demo panel on a server of its own, since these tests change almost everything.</summary>
public sealed class AuditCoverageServer : IAsyncLifetime
{
    public TestServer Server { get; } = new() { Configure = b => b.Configuration["Retention:ClosedCaseMonths"] = "1" };
    public Task InitializeAsync() => Server.InitializeAsync();
    public Task DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// Every method of every Core service interface is either listed as a plain read or has a scenario here that
/// proves it writes an audit entry as the person who called it. A new method fails the first test until it is
/// classified, so no change and no audited read can escape the audit log.
/// </summary>
public sealed class EveryChangeIsAuditedTests(AuditCoverageServer fixture) : IClassFixture<AuditCoverageServer>
{
    /// <summary>Infrastructure the services use, not services people call.</summary>
    static readonly Type[] NotServices = [typeof(IAuditLog), typeof(IMeetingNotifier), typeof(IEmailSender), typeof(DapPanel.Core.Security.IAgencySignInMethods)];

    /// <summary>Reads that show no case detail and download nothing; changing nothing, they are not audited.</summary>
    static readonly HashSet<string> PlainReads =
    [
        "IAgendaService.PanelsAsync", "IAgendaService.GetAsync",
        "ICirculationService.GetAsync",
        "IResearchService.GetReadinessAsync",
        "IReviewUpdateService.ListAsync",
        "IReferralService.AgenciesAsync", "IReferralService.FindLinkedCasesAsync",
        "ILiveMeetingQueries.GetViewAsync", "ILiveMeetingQueries.ChangesSinceAsync", // entering the room (JoinAsync) is audited
        "IAttendanceService.GetAsync", "IAttendanceService.GetConfidentialityAsync", "IAttendanceService.UpcomingAsync",
        "IAttendanceSettings.PanelsAsync", "IAttendanceSettings.SeniorContactsAsync",
        "IActionFollowUp.LatestActionListAsync", "IActionFollowUp.ComingBackAsync",
        "IInsightQueries.PanelsAsync", "IInsightQueries.AttendanceAsync", "IInsightQueries.ThroughputAsync",
        "IAttendanceSummaries.LastMonth",
        // The monthly job: the same sending (and audit entry per summary) as SendMonthAsync, on the first of the month only.
        "IAttendanceSummaries.SendDueAsync",
        "ICaseQueries.ListAsync",
        "IMeetingQueries.ListAsync", "IMeetingQueries.GetAsync",
        "IHomeQueries.GetAsync",
        "IAuditSearch.OptionsAsync", "IAuditSearch.SearchAsync",
        "IRetentionService.ReviewAsync",
        "IInformationSharingService.GetAgreementAsync", "IInformationSharingService.SettingsAsync",
        "IPeopleAdministration.ListAsync", "IAgencyAdministration.ListAsync",
        "IPanelAdministration.ListAsync", "IPanelAdministration.GetAsync", "IPanelAdministration.ProgressAsync",
        "IPanelAdministration.ChairCandidatesAsync", "IPanelQueries.MineAsync", "IGoLiveChecklist.CheckAsync",
        // Names and emails from the administrator's own file, checked against who already has a sign-in: no case detail.
        "IPeopleImport.PreviewAsync",
        // Whom to ask when a page is not open to you: administrators' names and work emails, no case detail.
        "IPanelContacts.AdministratorsAsync",
        // Counts for a period, small numbers hidden from managers; downloads (ExportAsync) are audited.
        "IEvaluationQueries.PanelsAsync", "IEvaluationQueries.ReportAsync",
        // The area's population shares by ethnic group, from a published census: no case detail.
        "IAreaProfileService.GetAsync",
    ];

    public static IEnumerable<object[]> Audited => Scenarios.Keys.Order().Select(k => new object[] { k });

    [Fact]
    public void Every_service_method_is_either_a_plain_read_or_proven_audited()
    {
        var methods = typeof(IAuditLog).Assembly.GetExportedTypes()
            .Where(t => t.IsInterface && t.Namespace?.StartsWith("DapPanel.Core") == true && !NotServices.Contains(t))
            .SelectMany(t => t.GetMethods().Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet();

        Assert.Empty(PlainReads.Intersect(Scenarios.Keys));
        Assert.Empty(methods.Except(PlainReads).Except(Scenarios.Keys).Select(m => $"{m} is neither a plain read nor has an audit scenario"));
        Assert.Empty(PlainReads.Concat(Scenarios.Keys).Except(methods).Select(m => $"{m} no longer exists"));
    }

    [Theory]
    [MemberData(nameof(Audited))]
    public async Task The_method_writes_an_audit_entry_as_its_caller(string method)
    {
        var world = new World(fixture.Server);
        var (actor, act) = await Scenarios[method](world);
        var before = await world.LastAuditIdAsync();

        await act();

        var written = await world.Server.ReadAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Id > before && e.UserId == actor.UserId).ToListAsync());
        Assert.NotEmpty(written);
        Assert.All(written, e => Assert.Equal(actor.Name, e.ActorName));
    }

    delegate Task<(Actor Actor, Func<Task> Act)> Scenario(World world);

    static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        // Before the panel
        ["IReferralService.SubmitAsync"] = async w =>
        {
            var admin = await w.Admin();
            var referral = await ReferralAsync(w, await w.Server.AgencyIdAsync(AgencyKind.Police));
            return (admin, () => w.Get<IReferralService>().SubmitAsync(admin, referral));
        },
        ["IAgendaService.CreateMeetingAsync"] = async w =>
        {
            var admin = await w.Admin();
            var panel = (await w.Get<IAgendaService>().PanelsAsync(admin)).First();
            var input = new NewMeetingInput { PanelId = panel.Id, Date = w.Today.AddDays(200), Location = "Room 4" };
            return (admin, () => w.Get<IAgendaService>().CreateMeetingAsync(admin, input));
        },
        ["IAgendaService.AddItemAsync"] = async w =>
        {
            var admin = await w.Admin();
            var meeting = await w.Server.CreateAsync(1, daysAhead: 60);
            var saved = await w.Get<IReferralService>().SubmitAsync(admin, await ReferralAsync(w, await w.Server.AgencyIdAsync(AgencyKind.Police)));
            var view = await w.Get<IAgendaService>().GetAsync(admin, meeting.Id);
            return (admin, () => w.Get<IAgendaService>().AddItemAsync(admin, meeting.Id, view.Meeting.Version, saved.CaseId,
                AgendaItemKind.NewReferral));
        },
        ["IAgendaService.RemoveItemAsync"] = AgendaChange((w, admin, m, v) => w.Get<IAgendaService>().RemoveItemAsync(admin, m.Id, v, m.ItemIds[0])),
        ["IAgendaService.MoveItemAsync"] = AgendaChange((w, admin, m, v) => w.Get<IAgendaService>().MoveItemAsync(admin, m.Id, v, m.ItemIds[0], 1)),
        ["IAgendaService.UpdateItemAsync"] = AgendaChange((w, admin, m, v) =>
            w.Get<IAgendaService>().UpdateItemAsync(admin, m.Id, v, m.ItemIds[0], 12, "Police: call-outs since referral?")),
        ["ICirculationService.CirculateAsync"] = async w =>
        {
            var admin = await w.Admin();
            var (meeting, version) = await w.DraftMeetingAsync();
            return (admin, () => w.Get<ICirculationService>().CirculateAsync(admin, meeting.Id, version));
        },
        ["ICirculationService.RetryFailedAsync"] = async w =>
        {
            var admin = await w.Admin();
            var meeting = await w.Server.CreateAsync(1, daysAhead: 62);
            await w.WriteAsync(async db => db.Notifications.Add(new Notification
            {
                MeetingId = meeting.Id, Kind = NotificationKind.Circulation, AgencyId = await db.Agencies.Select(a => a.Id).FirstAsync(),
                RecipientName = "Chris Plover", RecipientEmail = "probation@dappanel.example", Subject = "Case list", Body = "The case list",
                Status = NotificationStatus.Failed, CreatedAt = DateTimeOffset.UtcNow,
            }));
            return (admin, () => w.Get<ICirculationService>().RetryFailedAsync(admin, meeting.Id));
        },
        ["ICirculationService.SendAddendumAsync"] = async w =>
        {
            var admin = await w.Admin();
            var (meeting, version) = await w.DraftMeetingAsync(items: 2);
            await w.Get<ICirculationService>().CirculateAsync(admin, meeting.Id, version);
            var view = await w.Get<IAgendaService>().GetAsync(admin, meeting.Id);
            await w.Get<IAgendaService>().RemoveItemAsync(admin, meeting.Id, view.Meeting.Version, meeting.ItemIds[1]);
            return (admin, () => w.Get<ICirculationService>().SendAddendumAsync(admin, meeting.Id));
        },
        ["ICirculationService.GetCaseListAsync"] = async w =>
        {
            var police = await w.Member("police@dappanel.example");
            var upcoming = await w.UpcomingAsync();
            return (police, () => w.Get<ICirculationService>().GetCaseListAsync(police, upcoming.Id));
        },
        ["ICirculationService.DownloadCaseListAsync"] = async w =>
        {
            var police = await w.Member("police@dappanel.example");
            var upcoming = await w.UpcomingAsync();
            return (police, () => w.Get<ICirculationService>().DownloadCaseListAsync(police, upcoming.Id));
        },
        ["IResearchService.GetForAgencyAsync"] = async w =>
        {
            var probation = await w.Member("probation@dappanel.example");
            var upcoming = await w.UpcomingAsync();
            return (probation, () => w.Get<IResearchService>().GetForAgencyAsync(probation, upcoming.Id));
        },
        ["IResearchService.AnswerAsync"] = async w =>
        {
            var probation = await w.Member("probation@dappanel.example");
            var upcoming = await w.UpcomingAsync();
            var caseId = await w.Server.ReadAsync(db => db.AgendaItems.Where(i => i.MeetingId == upcoming.Id).Select(i => i.CaseId).FirstAsync());
            var input = new ResearchAnswerInput
            {
                MeetingId = upcoming.Id, CaseId = caseId, AgencyId = probation.AgencyId, Answer = ResearchAnswer.NotKnown,
            };
            return (probation, () => w.Get<IResearchService>().AnswerAsync(probation, input));
        },
        ["IResearchService.SendRemindersAsync"] = async w =>
        {
            var admin = await w.Admin();
            var upcoming = await w.UpcomingAsync();
            return (admin, () => w.Get<IResearchService>().SendRemindersAsync(admin, upcoming.Id));
        },
        ["IReviewUpdateService.GetFormAsync"] = async w =>
        {
            var provider = await w.Member("casemanager@dappanel.example");
            var itemId = await w.UpcomingReviewItemAsync();
            return (provider, () => w.Get<IReviewUpdateService>().GetFormAsync(provider, itemId));
        },
        ["IReviewUpdateService.SaveAsync"] = async w =>
        {
            var provider = await w.Member("casemanager@dappanel.example");
            var form = await w.Get<IReviewUpdateService>().GetFormAsync(provider, await w.UpcomingReviewItemAsync());
            form.Input.WorkStatus ??= CaseWorkStatus.DirectContact;
            form.Input.Engagement ??= EngagementStatus.Partially;
            return (provider, () => w.Get<IReviewUpdateService>().SaveAsync(provider, form.Input));
        },
        ["IReviewUpdateService.GetAsync"] = async w =>
        {
            var chair = await w.Chair();
            var itemId = await w.Server.ReadAsync(db => db.ReviewUpdates.Select(u => u.AgendaItemId).FirstAsync());
            return (chair, () => w.Get<IReviewUpdateService>().GetAsync(chair, itemId));
        },

        // The live room
        ["IMeetingFlow.StartAsync"] = async w =>
        {
            var chair = await w.Chair();
            var meeting = await w.Server.CreateAsync(2);
            return (chair, () => w.Get<IMeetingFlow>().StartAsync(chair, Guid.NewGuid(), meeting.Id));
        },
        ["IMeetingFlow.CloseAsync"] = Live((w, chair, m) => w.Get<IMeetingFlow>().CloseAsync(chair, Guid.NewGuid(), m.Id)),
        ["IMeetingFlow.MoveToAsync"] = Live((w, chair, m) => w.Get<IMeetingFlow>().MoveToAsync(chair, Guid.NewGuid(), m.Id, m.ItemIds[1])),
        ["IMeetingFlow.NextAsync"] = Live((w, chair, m) => w.Get<IMeetingFlow>().NextAsync(chair, Guid.NewGuid(), m.Id)),
        ["IMeetingFlow.StartTimerAsync"] = async w =>
        {
            var chair = await w.Chair();
            var meeting = await w.LiveMeetingAsync();
            await w.Get<IMeetingFlow>().PauseTimerAsync(chair, Guid.NewGuid(), meeting.Id);
            return (chair, () => w.Get<IMeetingFlow>().StartTimerAsync(chair, Guid.NewGuid(), meeting.Id));
        },
        ["IMeetingFlow.PauseTimerAsync"] = Live((w, chair, m) => w.Get<IMeetingFlow>().PauseTimerAsync(chair, Guid.NewGuid(), m.Id)),
        ["IMeetingFlow.DeferAsync"] = Live((w, chair, m) => w.Get<IMeetingFlow>().DeferAsync(chair, Guid.NewGuid(), m.Id, m.ItemIds[1])),
        ["ILeverBoard.AddAsync"] = async w =>
        {
            var probation = await w.Member("probation@dappanel.example");
            var meeting = await w.Server.CreateAsync(1);
            return (probation, () => w.Get<ILeverBoard>().AddAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], Lever(probation)));
        },
        ["ILeverBoard.EditAsync"] = async w =>
        {
            var (probation, meeting, lever) = await w.LeverAsync();
            return (probation, () => w.Get<ILeverBoard>().EditAsync(probation, Guid.NewGuid(), meeting.Id, lever.Id,
                Lever(probation, "Joint appointment booked"), lever.Version));
        },
        ["ILeverBoard.WithdrawAsync"] = async w =>
        {
            var (probation, meeting, lever) = await w.LeverAsync();
            return (probation, () => w.Get<ILeverBoard>().WithdrawAsync(probation, Guid.NewGuid(), meeting.Id, lever.Id, lever.Version));
        },
        ["IDecisionRecorder.RecordAsync"] = Live((w, chair, m) => w.Get<IDecisionRecorder>().RecordAsync(chair, Guid.NewGuid(), m.Id,
            m.ItemIds[0], new DecisionInput(DecisionOutcome.Accept, "Eligible: high risk, two victim-survivors."), null)),
        ["IActionBoard.AgreeAsync"] = async w =>
        {
            var probation = await w.Member("probation@dappanel.example");
            var meeting = await w.LiveMeetingAsync();
            return (probation, () => w.Get<IActionBoard>().AgreeAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
                new ActionInput("Joint home visit", probation.AgencyId, null, w.Today.AddDays(40))));
        },
        ["IActionBoard.ReassignAsync"] = async w =>
        {
            var chair = await w.Chair();
            var (meeting, action) = await w.ActionAsync();
            var housing = await w.Server.AgencyIdAsync(AgencyKind.Housing);
            return (chair, () => w.Get<IActionBoard>().ReassignAsync(chair, Guid.NewGuid(), meeting.Id, action.Id,
                new ActionInput(null, housing, null, w.Today.AddDays(45)), action.Version));
        },
        ["ILiveMeetingQueries.JoinAsync"] = async w =>
        {
            var housing = await w.Member("housing@dappanel.example");
            var meeting = await w.LiveMeetingAsync();
            await w.Get<IAttendanceService>().AcknowledgeAsync(housing, meeting.Id);
            return (housing, () => w.Get<ILiveMeetingQueries>().JoinAsync(housing, meeting.Id, Guid.NewGuid().ToString()));
        },
        ["ILiveMeetingQueries.LeaveAsync"] = async w =>
        {
            var housing = await w.Member("housing@dappanel.example");
            var meeting = await w.LiveMeetingAsync();
            var seat = Guid.NewGuid().ToString();
            await w.Get<IAttendanceService>().AcknowledgeAsync(housing, meeting.Id);
            await w.Get<ILiveMeetingQueries>().JoinAsync(housing, meeting.Id, seat);
            return (housing, () => w.Get<ILiveMeetingQueries>().LeaveAsync(meeting.Id, seat));
        },

        // Who is at the table
        ["IAttendanceService.MarkAgencyAsync"] = Live(async (w, chair, m) => await w.Get<IAttendanceService>().MarkAgencyAsync(chair,
            Guid.NewGuid(), m.Id, await w.Server.AgencyIdAsync(AgencyKind.Housing), AttendanceStatus.Apologies)),
        ["IAttendanceService.MarkPersonAsync"] = Live(async (w, chair, m) => await w.Get<IAttendanceService>().MarkPersonAsync(chair,
            Guid.NewGuid(), m.Id, (await w.Member("housing@dappanel.example")).PersonId, AttendanceStatus.PresentInRoom)),
        ["IAttendanceService.RemoveAsync"] = async w =>
        {
            var chair = await w.Chair();
            var meeting = await w.LiveMeetingAsync();
            var housing = await w.Member("housing@dappanel.example");
            await w.Get<IAttendanceService>().MarkPersonAsync(chair, Guid.NewGuid(), meeting.Id, housing.PersonId, AttendanceStatus.PresentInRoom);
            var attendanceId = await w.Server.ReadAsync(db =>
                db.Attendances.Where(a => a.MeetingId == meeting.Id && a.PersonId == housing.PersonId).Select(a => a.Id).SingleAsync());
            return (chair, () => w.Get<IAttendanceService>().RemoveAsync(chair, Guid.NewGuid(), meeting.Id, attendanceId));
        },
        ["IAttendanceService.ConfirmAsync"] = Live((w, chair, m) => w.Get<IAttendanceService>().ConfirmAsync(chair, Guid.NewGuid(), m.Id)),
        ["IAttendanceService.AcknowledgeAsync"] = async w =>
        {
            var probation = await w.Member("probation@dappanel.example");
            var meeting = await w.Server.CreateAsync(1);
            return (probation, () => w.Get<IAttendanceService>().AcknowledgeAsync(probation, meeting.Id));
        },
        ["IAttendanceService.SendApologiesAsync"] = async w =>
        {
            var housing = await w.Member("housing@dappanel.example");
            var meeting = await w.Server.CreateAsync(1);
            return (housing, () => w.Get<IAttendanceService>().SendApologiesAsync(housing, Guid.NewGuid(), meeting.Id, true, "Tenancy history sent"));
        },
        ["IAttendanceSettings.UpdatePanelAsync"] = async w =>
        {
            var admin = await w.Admin();
            var panel = (await w.Get<IAttendanceSettings>().PanelsAsync(admin)).First();
            return (admin, () => w.Get<IAttendanceSettings>().UpdatePanelAsync(admin, panel.PanelId, panel.QuorumCoreAgencies,
                panel.ConfidentialityStatement + " ", panel.Version));
        },
        ["IAttendanceSettings.UpdateSeniorContactAsync"] = async w =>
        {
            var admin = await w.Admin();
            var contact = (await w.Get<IAttendanceSettings>().SeniorContactsAsync(admin)).First();
            return (admin, () => w.Get<IAttendanceSettings>().UpdateSeniorContactAsync(admin, contact.AgencyId, "Sam Egret",
                "sam.egret@agency.example", contact.Version));
        },
        ["IAttendanceSummaries.SendMonthAsync"] = async w =>
        {
            var admin = await w.Admin();
            return (admin, () => w.Get<IAttendanceSummaries>().SendMonthAsync(admin, w.Get<IAttendanceSummaries>().LastMonth()));
        },

        // After the panel
        ["IMinutesService.GetForEditAsync"] = Closed((w, chair, m) => w.Get<IMinutesService>().GetForEditAsync(chair, m.Id)),
        ["IMinutesService.SaveDraftAsync"] = Minutes((w, chair, m, view) => w.Get<IMinutesService>().SaveDraftAsync(chair, m.Id,
            Texts("Quorate."), view.Version)),
        ["IMinutesService.FinaliseAsync"] = Minutes((w, chair, m, view) => w.Get<IMinutesService>().FinaliseAsync(chair, m.Id,
            Texts("Quorate."), view.Version)),
        ["IMinutesService.CorrectAsync"] = async w =>
        {
            var chair = await w.Chair();
            var meeting = await w.ClosedMeetingAsync();
            var draft = await w.Get<IMinutesService>().GetForEditAsync(chair, meeting.Id);
            var final = await w.Get<IMinutesService>().FinaliseAsync(chair, meeting.Id, Texts("Quorate."), draft.Version);
            return (chair, () => w.Get<IMinutesService>().CorrectAsync(chair, meeting.Id, Texts("Quorate; police joined late."),
                "Police arrival time was wrong", final.Version));
        },
        ["IMinutesService.ExportMinutesAsync"] = Minutes((w, chair, m, _) => w.Get<IMinutesService>().ExportMinutesAsync(chair, m.Id)),
        ["IActionFollowUp.ExportActionListAsync"] = Closed((w, chair, m) => w.Get<IActionFollowUp>().ExportActionListAsync(chair, m.Id)),
        ["IActionFollowUp.RecordOutcomeAsync"] = async w =>
        {
            var chair = await w.Chair();
            var (_, action) = await w.ActionAsync();
            return (chair, () => w.Get<IActionFollowUp>().RecordOutcomeAsync(chair, action.Id, ActionStatus.Done, "Visit done", action.Version));
        },
        ["ICaseQueries.GetDetailAsync"] = async w =>
        {
            var chair = await w.Chair();
            var caseId = (await w.Get<ICaseQueries>().ListAsync(chair)).First().Id;
            return (chair, () => w.Get<ICaseQueries>().GetDetailAsync(chair, caseId));
        },
        ["IInsightQueries.ExportAsync"] = async w =>
        {
            var manager = await w.Server.DemoAsync("manager@dappanel.example", Role.Manager);
            var panel = (await w.Get<IInsightQueries>().PanelsAsync(manager)).First();
            return (manager, () => w.Get<IInsightQueries>().ExportAsync(manager, "attendance",
                new InsightPeriod(panel.Id, w.Today.AddYears(-1), w.Today)));
        },
        // The evaluation and what it is made of
        ["IEvaluationQueries.ExportAsync"] = async w =>
        {
            var manager = await w.Server.DemoAsync("manager@dappanel.example", Role.Manager);
            var panel = (await w.Get<IEvaluationQueries>().PanelsAsync(manager)).First();
            return (manager, () => w.Get<IEvaluationQueries>().ExportAsync(manager,
                new InsightPeriod(panel.Id, w.Today.AddYears(-2).AddDays(1), w.Today), new EvaluationExport(EvaluationExportFormat.Workbook)));
        },
        ["IAreaProfileService.SaveAsync"] = async w =>
        {
            var admin = await w.Admin();
            var panel = (await w.Get<IAgendaService>().PanelsAsync(admin)).First();
            var profile = await w.Get<IAreaProfileService>().GetAsync(admin, panel.Id);
            profile.Source = "Census 2021 " + Guid.NewGuid().ToString("N")[..4];
            return (admin, () => w.Get<IAreaProfileService>().SaveAsync(admin, profile));
        },
        ["IIntakeService.ListAsync"] = async w =>
        {
            var chair = await w.Chair();
            return (chair, () => w.Get<IIntakeService>().ListAsync(chair));
        },
        ["IIntakeService.GetFormAsync"] = async w =>
        {
            var chair = await w.Chair();
            var caseId = (await w.Get<IIntakeService>().ListAsync(chair)).Cases.First().CaseId;
            return (chair, () => w.Get<IIntakeService>().GetFormAsync(chair, caseId));
        },
        ["IIntakeService.SaveAsync"] = async w =>
        {
            var admin = await w.Admin();
            var caseId = (await w.Get<IIntakeService>().ListAsync(admin)).Cases.First().CaseId;
            var form = await w.Get<IIntakeService>().GetFormAsync(admin, caseId);
            form.Input.AcesRecorded = true;
            form.Input.AdverseChildhoodExperiences = 3;
            return (admin, () => w.Get<IIntakeService>().SaveAsync(admin, form.Input));
        },
        ["IAuditSearch.ExportAsync"] = async w =>
        {
            var manager = await w.Server.DemoAsync("manager@dappanel.example", Role.Manager);
            return (manager, () => w.Get<IAuditSearch>().ExportAsync(manager, new AuditQuery(Action: AuditAction.SignIn)));
        },
        ["IRetentionService.EraseAsync"] = async w =>
        {
            var admin = await w.Admin();
            var due = (await w.Get<IRetentionService>().ReviewAsync(admin)).Due.First();
            return (admin, () => w.Get<IRetentionService>().EraseAsync(admin, due.CaseId, due.Version));
        },

        // Information sharing: a panel of its own, so a new agreement does not gate every other scenario
        ["IInformationSharingService.AcknowledgeAsync"] = async w =>
        {
            var health = await w.Member("health@dappanel.example"); // the demo member who has not acknowledged
            var panelId = await w.Server.ReadAsync(db => db.Panels.Where(p => p.Name == DemoPanel.PanelName).Select(p => p.Id).SingleAsync());
            var number = (await w.Get<IInformationSharingService>().GetAgreementAsync(health, panelId)).Number!.Value;
            return (health, () => w.Get<IInformationSharingService>().AcknowledgeAsync(health, panelId, number));
        },
        ["IInformationSharingService.PublishAsync"] = async w =>
        {
            var admin = await w.Admin();
            var panelId = await w.OtherPanelAsync();
            return (admin, () => w.Get<IInformationSharingService>().PublishAsync(admin, panelId,
                "We share case information only to reduce the risk to victim-survivors and children.", null));
        },
        ["IInformationSharingService.SetVictimTierAsync"] = async w =>
        {
            var admin = await w.Admin();
            var panelId = await w.OtherPanelAsync();
            var agency = (await w.Get<IInformationSharingService>().SettingsAsync(admin))
                .Single(p => p.PanelId == panelId).Agencies.Single();
            return (admin, () => w.Get<IInformationSharingService>().SetVictimTierAsync(admin, agency.MembershipId,
                !agency.SharesVictimDetails, agency.Version));
        },

        // People and agencies
        ["IPeopleAdministration.AddAsync"] = async w =>
        {
            var admin = await w.Admin();
            var input = await w.NewPersonAsync();
            return (admin, () => w.Get<IPeopleAdministration>().AddAsync(admin, input));
        },
        ["IPeopleAdministration.ChangeAccessAsync"] = PersonChange((w, admin, person) =>
            w.Get<IPeopleAdministration>().ChangeAccessAsync(admin, person.PersonId, new PersonAccessInput
            {
                FullName = person.FullName, JobTitle = "Team leader", AgencyId = person.AgencyId, Roles = [Role.AgencyMember, Role.Manager],
            }, person.Version)),
        ["IPeopleAdministration.SetActiveAsync"] = PersonChange((w, admin, person) =>
            w.Get<IPeopleAdministration>().SetActiveAsync(admin, person.PersonId, false, person.Version)),
        ["IPeopleAdministration.UnlockAsync"] = PersonChange((w, admin, person) =>
            w.Get<IPeopleAdministration>().UnlockAsync(admin, person.PersonId, person.Version)),
        ["IPeopleAdministration.ResetTwoFactorAsync"] = PersonChange((w, admin, person) =>
            w.Get<IPeopleAdministration>().ResetTwoFactorAsync(admin, person.PersonId, person.Version)),
        ["IPeopleAdministration.SetFirstPasswordAsync"] = async w =>
        {
            var admin = await w.Admin();
            var input = await w.NewPersonAsync();
            var panelId = await w.OtherPanelAsync();
            var agency = await w.Server.ReadAsync(db => db.Agencies.Where(a => a.Id == input.AgencyId).Select(a => a.Name).SingleAsync());
            var file = System.Text.Encoding.UTF8.GetBytes($"Full name,Email,Agency,Role\r\n{input.FullName},{input.Email},{agency},Agency member\r\n");
            await w.Get<IPeopleImport>().SaveAsync(admin, panelId, "people.csv", file);
            var person = (await w.Get<IPeopleAdministration>().ListAsync(admin)).Single(p => p.Email == input.Email);
            return (admin, () => w.Get<IPeopleAdministration>().SetFirstPasswordAsync(admin, person.PersonId, "First-password-2027", person.Version));
        },
        ["IPeopleImport.SaveAsync"] = async w =>
        {
            var admin = await w.Admin();
            var input = await w.NewPersonAsync();
            var panelId = await w.OtherPanelAsync();
            var agency = await w.Server.ReadAsync(db => db.Agencies.Where(a => a.Id == input.AgencyId).Select(a => a.Name).SingleAsync());
            var file = System.Text.Encoding.UTF8.GetBytes($"Full name,Email,Agency,Role\r\n{input.FullName},{input.Email},{agency},Agency member\r\n");
            return (admin, () => w.Get<IPeopleImport>().SaveAsync(admin, panelId, "people.csv", file));
        },
        ["ICaseloadImport.PreviewAsync"] = async w =>
        {
            var admin = await w.Admin();
            var panelId = await w.OtherPanelAsync();
            var file = CaseloadFile.Csv(3, "AUD" + Guid.NewGuid().ToString("N")[..4]);
            return (admin, () => w.Get<ICaseloadImport>().PreviewAsync(admin, panelId, "caseload.csv", file));
        },
        ["ICaseloadImport.SaveAsync"] = async w =>
        {
            var admin = await w.Admin();
            var panelId = await w.OtherPanelAsync();
            var file = CaseloadFile.Csv(3, "AUD" + Guid.NewGuid().ToString("N")[..4],
                (i, row) => row[1] = $"Audit Import {Guid.NewGuid().ToString("N")[..6]} {i}");
            return (admin, () => w.Get<ICaseloadImport>().SaveAsync(admin, panelId, "caseload.csv", file));
        },
        ["IPanelAdministration.CreateAsync"] = async w =>
        {
            var admin = await w.Admin();
            return (admin, () => w.Get<IPanelAdministration>().CreateAsync(admin,
                new PanelInput { Name = "Merton DAPP " + Guid.NewGuid().ToString("N")[..6], Area = "Merton" }));
        },
        ["IPanelAdministration.UpdateAsync"] = PanelChange((w, admin, panel) => w.Get<IPanelAdministration>().UpdateAsync(admin, panel.Id,
            new PanelInput { Name = panel.Name + " (renamed)", Area = panel.Details.Area, UsualLocation = "Civic Centre" }, panel.Version)),
        ["IPanelAdministration.ArchiveAsync"] = PanelChange((w, admin, panel) =>
            w.Get<IPanelAdministration>().ArchiveAsync(admin, panel.Id, true, panel.Version)),
        ["IPanelAdministration.AddAgenciesAsync"] = PanelChange((w, admin, panel) => w.Get<IPanelAdministration>().AddAgenciesAsync(admin,
            panel.Id, [new TemplateAgency { Name = "Merton Women's Aid " + Guid.NewGuid().ToString("N")[..6], Kind = AgencyKind.Other }])),
        ["IPanelAdministration.SetMemberAsync"] = PanelChange(async (w, admin, panel) => await w.Get<IPanelAdministration>().SetMemberAsync(admin,
            panel.Id, await w.Server.AgencyIdAsync(AgencyKind.Probation), isMember: true, isCore: true)),
        ["IPanelAdministration.AddChairAsync"] = PanelChange(async (w, admin, panel) => await w.Get<IPanelAdministration>().AddChairAsync(admin,
            panel.Id, (await w.Chair()).PersonId)),
        ["IPanelAdministration.RemoveChairAsync"] = async w =>
        {
            var admin = await w.Admin();
            var panelId = await w.OtherPanelAsync();
            var chair = await w.Chair();
            await w.Get<IPanelAdministration>().AddChairAsync(admin, panelId, chair.PersonId);
            return (admin, () => w.Get<IPanelAdministration>().RemoveChairAsync(admin, panelId, chair.PersonId));
        },
        ["IAgencyAdministration.AddAsync"] = async w =>
        {
            var admin = await w.Admin();
            return (admin, () => w.Get<IAgencyAdministration>().AddAsync(admin, new AgencyInput
            {
                Name = "Women's Aid " + Guid.NewGuid().ToString("N")[..6], Kind = AgencyKind.Other,
            }));
        },
        ["IAgencyAdministration.UpdateAsync"] = async w =>
        {
            var admin = await w.Admin();
            var name = "Refuge " + Guid.NewGuid().ToString("N")[..6];
            var id = await w.Get<IAgencyAdministration>().AddAsync(admin, new AgencyInput { Name = name, Kind = AgencyKind.Other });
            var agency = (await w.Get<IAgencyAdministration>().ListAsync(admin)).Single(a => a.Id == id);
            return (admin, () => w.Get<IAgencyAdministration>().UpdateAsync(admin, id, new AgencyInput
            {
                Name = name + " (South)", Kind = agency.Kind, SeniorContactName = "Morgan Reed", SeniorContactEmail = "morgan.reed@refuge.example",
            }, agency.Version));
        },
    };

    static Scenario PanelChange(Func<World, Actor, PanelDetail, Task> change) => async w =>
    {
        var admin = await w.Admin();
        var panel = await w.Get<IPanelAdministration>().GetAsync(admin, await w.OtherPanelAsync());
        return (admin, () => change(w, admin, panel));
    };

    static Scenario PersonChange(Func<World, Actor, PersonAccountView, Task> change) => async w =>
    {
        var admin = await w.Admin();
        var id = await w.Get<IPeopleAdministration>().AddAsync(admin, await w.NewPersonAsync());
        var person = (await w.Get<IPeopleAdministration>().ListAsync(admin)).Single(p => p.PersonId == id);
        return (admin, () => change(w, admin, person));
    };

    static async Task<ReferralInput> ReferralAsync(World w, Guid referrerAgencyId) => new()
    {
        PanelId = await w.Server.ReadAsync(db => db.Panels.Where(p => p.Name == DemoPanel.PanelName).Select(p => p.Id).SingleAsync()),
        Source = ReferralSource.Police, ReferrerName = "PC Alex Swift", ReferrerAgencyId = referrerAgencyId, ReferredOn = w.Today,
        PerpetratorName = $"Audit Person {Guid.NewGuid().ToString("N")[..6]}", PerpetratorDateOfBirth = new DateOnly(1984, 3, 2),
        VictimSurvivors = [new VictimInput { FullName = "Test Victim" }], ChildrenCount = 1, RiskLevel = RiskLevel.High,
        Summary = "Coercive control.",
    };

    static LeverInput Lever(Actor agency, string text = "On licence; weekly supervision") =>
        new(agency.AgencyId, LeverFamily.Engagement, LeverArea.ProbationContact, text);

    static MinutesTexts Texts(string notes) => new(notes, true, []);

    static Scenario AgendaChange(Func<World, Actor, TestMeeting, Guid, Task> change) => async w =>
    {
        var admin = await w.Admin();
        var meeting = await w.Server.CreateAsync(2, daysAhead: 61);
        var version = (await w.Get<IAgendaService>().GetAsync(admin, meeting.Id)).Meeting.Version;
        return (admin, () => change(w, admin, meeting, version));
    };

    static Scenario Live(Func<World, Actor, TestMeeting, Task> act) => async w =>
    {
        var chair = await w.Chair();
        var meeting = await w.LiveMeetingAsync();
        return (chair, () => act(w, chair, meeting));
    };

    static Scenario Closed(Func<World, Actor, TestMeeting, Task> act) => async w =>
    {
        var chair = await w.Chair();
        var meeting = await w.ClosedMeetingAsync();
        return (chair, () => act(w, chair, meeting));
    };

    static Scenario Minutes(Func<World, Actor, TestMeeting, MinutesEditView, Task> act) => async w =>
    {
        var chair = await w.Chair();
        var meeting = await w.ClosedMeetingAsync();
        var view = await w.Get<IMinutesService>().GetForEditAsync(chair, meeting.Id);
        return (chair, () => act(w, chair, meeting, view));
    };

    sealed class World(TestServer server)
    {
        public TestServer Server { get; } = server;
        public DateOnly Today => PanelTime.Today(TimeProvider.System);
        public T Get<T>() where T : notnull => Server.Services.GetRequiredService<T>();
        public Task<Actor> Admin() => Server.DemoAsync("admin@dappanel.example", Role.Administrator);
        public Task<Actor> Chair() => Server.DemoAsync("chair@dappanel.example", Role.Chair);
        public Task<Actor> Member(string email) => Server.DemoAsync(email, Role.AgencyMember);

        public Task<long> LastAuditIdAsync() => Server.ReadAsync(db => db.AuditEvents.MaxAsync(e => (long?)e.Id)).ContinueWith(t => t.Result ?? 0);

        public async Task WriteAsync(Func<DapPanelDbContext, Task> change)
        {
            await using var db = await Get<IDbContextFactory<DapPanelDbContext>>().CreateDbContextAsync();
            await change(db);
            await db.SaveChangesAsync();
        }

        public async Task<NewPersonInput> NewPersonAsync()
        {
            var unique = Guid.NewGuid().ToString("N")[..8];
            return new NewPersonInput
            {
                FullName = "Sam Audit " + unique, Email = $"sam.{unique}@housing.example", JobTitle = "Housing officer",
                AgencyId = await Server.AgencyIdAsync(AgencyKind.Housing), Roles = [Role.AgencyMember], Password = "Housing-" + unique + "-A1",
            };
        }

        /// <summary>A second panel with one member agency, for changes that would otherwise touch the demo panel.</summary>
        public async Task<Guid> OtherPanelAsync()
        {
            var panel = new Panel { Name = "Sutton DAPP " + Guid.NewGuid().ToString("N")[..6], Area = "Sutton" };
            var agency = await Server.AgencyIdAsync(AgencyKind.Housing);
            await WriteAsync(db =>
            {
                db.Panels.Add(panel);
                db.PanelMemberships.Add(new PanelMembership { PanelId = panel.Id, AgencyId = agency, JoinedOn = Today });
                return Task.CompletedTask;
            });
            return panel.Id;
        }

        public Task<Meeting> UpcomingAsync() => Server.ReadAsync(db =>
            db.Meetings.AsNoTracking().Where(m => m.Status == MeetingStatus.Circulated && m.CirculatedAt != null)
                .OrderBy(m => m.StartsAt).FirstAsync());

        public async Task<Guid> UpcomingReviewItemAsync()
        {
            var upcoming = await UpcomingAsync();
            return await Server.ReadAsync(db => db.AgendaItems
                .Where(i => i.MeetingId == upcoming.Id && i.Kind == AgendaItemKind.Review).Select(i => i.Id).FirstAsync());
        }

        public async Task<(TestMeeting Meeting, Guid Version)> DraftMeetingAsync(int items = 1)
        {
            var meeting = await Server.CreateAsync(items, daysAhead: 63 + Random.Shared.Next(200));
            Guid version = default;
            await WriteAsync(async db =>
            {
                var m = await db.Meetings.SingleAsync(x => x.Id == meeting.Id);
                m.Status = MeetingStatus.Draft;
                await db.SaveChangesAsync();
                version = m.Version;
            });
            return (meeting, version);
        }

        public async Task<TestMeeting> LiveMeetingAsync()
        {
            var meeting = await Server.CreateAsync(3);
            await Get<IMeetingFlow>().StartAsync(await Chair(), Guid.NewGuid(), meeting.Id);
            return meeting;
        }

        public async Task<TestMeeting> ClosedMeetingAsync()
        {
            var meeting = await LiveMeetingAsync();
            await Get<IMeetingFlow>().CloseAsync(await Chair(), Guid.NewGuid(), meeting.Id);
            return meeting;
        }

        public async Task<(Actor Probation, TestMeeting Meeting, Lever Lever)> LeverAsync()
        {
            var probation = await Member("probation@dappanel.example");
            var meeting = await Server.CreateAsync(1);
            await Get<ILeverBoard>().AddAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], Lever(probation));
            var lever = await Server.ReadAsync(db => db.Levers.AsNoTracking().SingleAsync(l => l.CaseId == meeting.CaseIds[0]));
            return (probation, meeting, lever);
        }

        public async Task<(TestMeeting Meeting, PanelAction Action)> ActionAsync()
        {
            var probation = await Member("probation@dappanel.example");
            var meeting = await LiveMeetingAsync();
            await Get<IActionBoard>().AgreeAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
                new ActionInput("Joint home visit", probation.AgencyId, null, Today.AddDays(40)));
            var action = await Server.ReadAsync(db => db.Actions.AsNoTracking().SingleAsync(a => a.CaseId == meeting.CaseIds[0]));
            return (meeting, action);
        }
    }
}
