using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DapPanel.Core.Data;

sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> referral)
    {
        referral.Property(r => r.ReferrerName).HasMaxLength(200);
        referral.HasOne<Case>().WithOne().HasForeignKey<Referral>(r => r.CaseId);
        referral.HasOne(r => r.ReferrerAgency).WithMany().HasForeignKey(r => r.ReferrerAgencyId);
        referral.HasIndex(r => r.CaseId).IsUnique();
    }
}

sealed class CaseLinkConfiguration : IEntityTypeConfiguration<CaseLink>
{
    public void Configure(EntityTypeBuilder<CaseLink> link)
    {
        link.Property(l => l.Reason).HasMaxLength(300);
        link.HasOne<Case>().WithMany().HasForeignKey(l => l.CaseId);
        link.HasOne(l => l.LinkedCase).WithMany().HasForeignKey(l => l.LinkedCaseId).OnDelete(DeleteBehavior.Restrict);
        link.HasIndex(l => new { l.CaseId, l.LinkedCaseId }).IsUnique();
    }
}

sealed class ReviewUpdateConfiguration : IEntityTypeConfiguration<ReviewUpdate>
{
    public void Configure(EntityTypeBuilder<ReviewUpdate> update)
    {
        update.Property(u => u.Notes).HasMaxLength(ReviewUpdate.MaxNotesLength);
        update.HasOne<AgendaItem>().WithOne().HasForeignKey<ReviewUpdate>(u => u.AgendaItemId);
        update.HasOne<Case>().WithMany().HasForeignKey(u => u.CaseId);
        update.HasMany(u => u.Interventions).WithOne().HasForeignKey(i => i.ReviewUpdateId);
        update.HasMany(u => u.Severities).WithOne().HasForeignKey(s => s.ReviewUpdateId);
        update.HasIndex(u => u.AgendaItemId).IsUnique();
    }
}

sealed class InterventionConfiguration : IEntityTypeConfiguration<Intervention>
{
    public void Configure(EntityTypeBuilder<Intervention> intervention) =>
        intervention.HasOne(i => i.Agency).WithMany().HasForeignKey(i => i.AgencyId);
}

sealed class SeverityRatingConfiguration : IEntityTypeConfiguration<SeverityRating>
{
    public void Configure(EntityTypeBuilder<SeverityRating> rating)
    {
        rating.HasOne<VictimSurvivor>().WithMany().HasForeignKey(r => r.VictimSurvivorId);
        rating.HasIndex(r => new { r.ReviewUpdateId, r.VictimSurvivorId, r.AbuseType }).IsUnique();
    }
}

sealed class AgendaChangeConfiguration : IEntityTypeConfiguration<AgendaChange>
{
    public void Configure(EntityTypeBuilder<AgendaChange> change)
    {
        change.Property(c => c.CaseReference).HasMaxLength(40);
        change.Property(c => c.Detail).HasMaxLength(300);
        change.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId);
        change.HasIndex(c => new { c.MeetingId, c.ChangedAt });
    }
}

sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.Property(n => n.RecipientName).HasMaxLength(200);
        notification.Property(n => n.RecipientEmail).HasMaxLength(256);
        notification.Property(n => n.Subject).HasMaxLength(300);
        notification.Property(n => n.Body).HasMaxLength(20000);
        notification.Property(n => n.Error).HasMaxLength(1000);
        notification.HasOne<Meeting>().WithMany().HasForeignKey(n => n.MeetingId);
        notification.HasOne(n => n.Agency).WithMany().HasForeignKey(n => n.AgencyId);
        notification.HasIndex(n => new { n.MeetingId, n.Status });
    }
}

sealed class AgencyResearchConfiguration : IEntityTypeConfiguration<AgencyResearch>
{
    public void Configure(EntityTypeBuilder<AgencyResearch> research)
    {
        research.Property(r => r.Notes).HasMaxLength(AgencyResearch.MaxNotesLength);
        research.Property(r => r.ContactName).HasMaxLength(200);
        research.Property(r => r.ContactDetails).HasMaxLength(300);
        research.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId);
        research.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId);
        research.HasOne(r => r.Agency).WithMany().HasForeignKey(r => r.AgencyId);
        research.HasIndex(r => new { r.MeetingId, r.CaseId, r.AgencyId }).IsUnique();
    }
}
