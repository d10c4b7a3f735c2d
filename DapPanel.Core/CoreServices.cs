using DapPanel.Core.Administration;
using DapPanel.Core.Agenda;
using DapPanel.Core.Attendance;
using DapPanel.Core.Insight;
using DapPanel.Core.Audit;
using DapPanel.Core.Cases;
using DapPanel.Core.Circulation;
using DapPanel.Core.Data;
using DapPanel.Core.Security;
using DapPanel.Core.Demo;
using DapPanel.Core.Evaluation;
using DapPanel.Core.Intake;
using DapPanel.Core.Home;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Meetings;
using DapPanel.Core.Minutes;
using DapPanel.Core.Referrals;
using DapPanel.Core.Research;
using DapPanel.Core.Retention;
using DapPanel.Core.ReviewUpdates;
using DapPanel.Core.InformationSharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DapPanel.Core;

public static class CoreServices
{
    /// <summary>The domain's services over a pooled context factory: one short-lived context per operation.</summary>
    public static IServiceCollection AddDapPanelCore(this IServiceCollection services, StorageSettings storage,
        DatabaseSettings? database = null)
    {
        services.AddSingleton(storage);
        services.AddDatabase(storage, database ?? new DatabaseSettings());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<SignInChanges>();
        services.AddSingleton<NeedToKnow>();
        services.AddSingleton<IInformationSharingService, InformationSharingService>();
        services.AddSingleton<IAuditSearch, AuditSearch>();
        // Hosts bind the "Retention" section first; otherwise the documented default applies.
        services.TryAddSingleton(new RetentionSettings());
        services.AddSingleton<IRetentionService, RetentionService>();
        services.AddSingleton<IMeetingQueries, MeetingQueries>();
        services.AddSingleton<ICaseQueries, CaseQueries>();
        services.AddSingleton<IHomeQueries, HomeQueries>();
        services.AddSingleton<IMinutesService, MinutesService>();
        services.AddSingleton<IActionFollowUp, ActionFollowUp>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddLiveMeeting();
        services.AddSingleton<IReferralService, ReferralService>();
        services.AddSingleton<IAgendaService, AgendaService>();
        services.AddSingleton<IReviewUpdateService, ReviewUpdateService>();
        services.AddSingleton<ICirculationService, CirculationService>();
        services.AddSingleton<IResearchService, ResearchService>();
        services.AddSingleton<OverdueResearchReminders>();
        services.AddSingleton<NotificationOutbox>();
        // Hosts bind the "Email" section first; a test may put its own sender in before this runs.
        services.TryAddSingleton(new EmailSettings());
        services.TryAddSingleton<IEmailSender>(sp => sp.GetRequiredService<EmailSettings>().Smtp.Host is { Length: > 0 }
            ? new SmtpEmailSender(sp.GetRequiredService<EmailSettings>())
            : new PickupFolderEmailSender(storage));
        services.AddSingleton<ConfidentialityRegister>();
        services.AddSingleton<IAttendanceService, AttendanceService>();
        services.AddSingleton<IAttendanceSettings, AttendanceSettings>();
        // A host may put its own in first (a test counts the dashboard's queries through one).
        services.TryAddSingleton<IInsightQueries, InsightQueries>();
        services.AddSingleton<IAttendanceSummaries, AttendanceSummaries>();
        services.AddSingleton<IEvaluationQueries, EvaluationQueries>();
        services.AddSingleton<IIntakeService, IntakeService>();
        services.AddSingleton<IAreaProfileService, AreaProfileService>();
        services.TryAddSingleton<IAgencySignInMethods, PasswordsForEveryAgency>();
        services.AddSingleton<IPeopleAdministration, PeopleAdministration>();
        services.AddSingleton<IPanelContacts, PanelContacts>();
        services.AddSingleton<IAgencyAdministration, AgencyAdministration>();
        services.AddScoped<DemoPanel>();
        services.AddSingleton<DemoSignIns>();
        services.AddSingleton<Setup.FirstRunSetup>();
        services.AddSingleton<Backups.DatabaseBackup>();
        services.AddSingleton<Panels.IPanelAdministration, Panels.PanelAdministration>();
        services.AddSingleton<Panels.IPanelQueries, Panels.PanelQueries>();
        services.AddSingleton<Import.ICaseloadImport, Import.CaseloadImport>();
        services.AddSingleton<Import.IPeopleImport, Import.PeopleImport>();
        services.AddSingleton<GoLive.IGoLiveChecklist, GoLive.GoLiveChecklist>();
        return services;
    }

    static void AddDatabase(this IServiceCollection services, StorageSettings storage, DatabaseSettings database)
    {
        services.AddSingleton(database);
        // Every save that changes what a live room shows brings open rooms up to date, whichever service made it.
        services.AddSingleton<LiveMeetingRefresh>();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var connectionString = database.ConnectionString is { Length: > 0 } value ? value
                : throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:DapPanel is not set.");
            services.AddPooledDbContextFactory<PostgresDapPanelDbContext>((sp, options) =>
                options.UseNpgsql(connectionString).AddInterceptors(sp.GetRequiredService<LiveMeetingRefresh>()));
            // Every service asks for the base type; it gets the PostgreSQL context, whose migrations are its own.
            services.AddSingleton<IDbContextFactory<DapPanelDbContext>>(sp =>
                new BaseContextFactory<PostgresDapPanelDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresDapPanelDbContext>>()));
        }
        else
        {
            services.AddPooledDbContextFactory<DapPanelDbContext>((sp, options) =>
                options.UseSqlite(storage.SqliteConnectionString)
                    .AddInterceptors(new SqlitePragmas(), sp.GetRequiredService<LiveMeetingRefresh>()));
        }
    }

    sealed class BaseContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<DapPanelDbContext>
        where TContext : DapPanelDbContext
    {
        public DapPanelDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<DapPanelDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }

    static void AddLiveMeeting(this IServiceCollection services)
    {
        services.TryAddSingleton<IMeetingNotifier, InProcessMeetingNotifier>();
        services.AddSingleton<MeetingPresence>();
        services.AddSingleton<LiveMeetingReadModel>();
        services.AddSingleton<LiveMeetingWriter>();
        services.AddSingleton<IMeetingFlow, MeetingFlow>();
        services.AddSingleton<ILeverBoard, LeverBoard>();
        services.AddSingleton<IDecisionRecorder, DecisionRecorder>();
        services.AddSingleton<IActionBoard, ActionBoard>();
        services.AddSingleton<ILiveMeetingQueries, LiveMeetingQueries>();
    }
}
