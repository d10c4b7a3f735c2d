using DapPanel.Core.Domain;
using DapPanel.Core.Insight;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DapPanel.Core.Data;

public class DapPanelDbContext : IdentityDbContext<DapPanelUser>, IDataProtectionKeyContext
{
    public DapPanelDbContext(DbContextOptions<DapPanelDbContext> options) : base(options) { }

    /// <summary>For a provider's own context type (its own migrations); see PostgresDapPanelDbContext.</summary>
    protected DapPanelDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Panel> Panels => Set<Panel>();
    public DbSet<PanelMembership> PanelMemberships => Set<PanelMembership>();
    public DbSet<PanelChair> PanelChairs => Set<PanelChair>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<VictimSurvivor> VictimSurvivors => Set<VictimSurvivor>();
    public DbSet<Lever> Levers => Set<Lever>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<PanelAction> Actions => Set<PanelAction>();
    public DbSet<Domain.Attendance> Attendances => Set<Domain.Attendance>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<MeetingChange> MeetingChanges => Set<MeetingChange>();
    public DbSet<MinutesVersion> MinutesVersions => Set<MinutesVersion>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<CaseLink> CaseLinks => Set<CaseLink>();
    public DbSet<ReviewUpdate> ReviewUpdates => Set<ReviewUpdate>();
    public DbSet<Intervention> Interventions => Set<Intervention>();
    public DbSet<SeverityRating> SeverityRatings => Set<SeverityRating>();
    public DbSet<AgendaChange> AgendaChanges => Set<AgendaChange>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<AgencyResearch> AgencyResearch => Set<AgencyResearch>();
    public DbSet<ConfidentialityAcknowledgement> ConfidentialityAcknowledgements => Set<ConfidentialityAcknowledgement>();
    public DbSet<AttendanceSummarySent> AttendanceSummariesSent => Set<AttendanceSummarySent>();
    public DbSet<InformationSharingAgreement> InformationSharingAgreements => Set<InformationSharingAgreement>();
    public DbSet<AgreementAcknowledgement> AgreementAcknowledgements => Set<AgreementAcknowledgement>();
    public DbSet<CaseIntake> CaseIntakes => Set<CaseIntake>();
    public DbSet<IntakeSeverity> IntakeSeverities => Set<IntakeSeverity>();
    public DbSet<AreaPopulationShare> AreaPopulationShares => Set<AreaPopulationShare>();
    public DbSet<InsightMonthlyCount> InsightMonthlyCounts => Set<InsightMonthlyCount>();
    public DbSet<InsightMonth> InsightMonths => Set<InsightMonth>();
    public DbSet<InsightStaleMonth> InsightStaleMonths => Set<InsightStaleMonth>();
    /// <summary>Data Protection keys shared by every node when the app runs on more than one.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();
    public DbSet<BackupRecord> BackupRecords => Set<BackupRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DapPanelDbContext).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
            builder.Entity(entityType.ClrType).Property(nameof(Entity.Version)).IsConcurrencyToken();

        if (Database.IsSqlite())
            StoreDateTimeOffsetsSortably(builder);
    }

    // SQLite cannot compare or order DateTimeOffset text; UTC ticks as a number can.
    static void StoreDateTimeOffsetsSortably(ModelBuilder builder)
    {
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            if (property.ClrType == typeof(DateTimeOffset) || property.ClrType == typeof(DateTimeOffset?))
                property.SetValueConverter(new DateTimeOffsetToBinaryConverter());
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampChanges();
        InsightStaleness.Mark(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampChanges();
        // The panel insight's monthly counts go stale in the same transaction as the change they count.
        await InsightStaleness.MarkAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    void StampChanges()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEvent && entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException(AuditLogTriggers.Refusal);
            if (entry.Entity is Entity entity && entry.State == EntityState.Modified)
                entity.Version = Guid.NewGuid();
            if (entry.State is EntityState.Added or EntityState.Modified && entry.Entity is not IdentityUser)
                CleanText(entry);
        }
    }

    /// <summary>Whatever path the text came by, nothing invisible or reordering is stored (see <see cref="PlainText"/>).</summary>
    static void CleanText(EntityEntry entry)
    {
        foreach (var property in entry.Properties)
        {
            switch (property.CurrentValue)
            {
                case string text when PlainText.Clean(text) is var clean && !ReferenceEquals(clean, text):
                    property.CurrentValue = clean;
                    break;
                case List<string> texts:
                    for (var i = 0; i < texts.Count; i++) texts[i] = PlainText.Clean(texts[i])!;
                    break;
            }
        }
    }
}
