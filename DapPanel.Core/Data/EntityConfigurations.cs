using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DapPanel.Core.Data;

sealed class PanelConfiguration : IEntityTypeConfiguration<Panel>
{
    public void Configure(EntityTypeBuilder<Panel> panel)
    {
        panel.Property(p => p.Name).HasMaxLength(200);
        panel.Property(p => p.Area).HasMaxLength(200);
        panel.Property(p => p.ConfidentialityStatement).HasMaxLength(Panel.MaxStatementLength);
        panel.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.PanelId);
        panel.HasMany(p => p.Chairs).WithOne().HasForeignKey(c => c.PanelId);
    }
}

sealed class PanelMembershipConfiguration : IEntityTypeConfiguration<PanelMembership>
{
    public void Configure(EntityTypeBuilder<PanelMembership> membership) =>
        membership.HasIndex(m => new { m.PanelId, m.AgencyId }).IsUnique();
}

sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> agency)
    {
        agency.Property(a => a.Name).HasMaxLength(200);
        agency.Property(a => a.SeniorContactName).HasMaxLength(200);
        agency.Property(a => a.SeniorContactEmail).HasMaxLength(256);
        agency.HasMany(a => a.People).WithOne(p => p.Agency).HasForeignKey(p => p.AgencyId);
    }
}

sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.Property(p => p.FullName).HasMaxLength(200);
        person.Property(p => p.Email).HasMaxLength(256);
        person.Property(p => p.JobTitle).HasMaxLength(200);
    }
}

sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> meeting)
    {
        meeting.Property(m => m.Location).HasMaxLength(300);
        meeting.Property(m => m.OnlineLink).HasMaxLength(500);
        meeting.HasOne(m => m.Panel).WithMany().HasForeignKey(m => m.PanelId);
        meeting.HasMany(m => m.AgendaItems).WithOne(i => i.Meeting).HasForeignKey(i => i.MeetingId);
        meeting.HasMany(m => m.Attendances).WithOne().HasForeignKey(a => a.MeetingId);
        meeting.HasIndex(m => new { m.PanelId, m.StartsAt });
        meeting.Ignore(m => m.Date);
    }
}

sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> item)
    {
        item.Property(i => i.Focus).HasMaxLength(2000);
        item.HasOne(i => i.Case).WithMany().HasForeignKey(i => i.CaseId);
        // A decision belongs to exactly one agenda item, and an item has at most one decision.
        item.HasOne(i => i.Decision).WithOne().HasForeignKey<Decision>(d => d.AgendaItemId);
        item.HasIndex(i => new { i.MeetingId, i.Order });
    }
}

sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> decision)
    {
        decision.Property(d => d.Rationale).HasMaxLength(Decision.MaxRationaleLength);
        decision.Property(d => d.ExtensionReason).HasMaxLength(2000);
        decision.Property(d => d.CaseExtensionReasonBefore).HasMaxLength(2000);
        decision.Property(d => d.RecordedByName).HasMaxLength(200);
        decision.HasIndex(d => d.AgendaItemId).IsUnique();
    }
}

sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> @case)
    {
        @case.Property(c => c.Reference).HasMaxLength(40);
        @case.HasIndex(c => c.Reference).IsUnique();
        @case.Property(c => c.Summary).HasMaxLength(8000);
        @case.Property(c => c.OffendingHistory).HasMaxLength(8000);
        @case.Property(c => c.ExtensionReason).HasMaxLength(2000);
        @case.OwnsOne(c => c.Perpetrator, p =>
        {
            p.Property(x => x.FullName).HasMaxLength(200).HasColumnName("PerpetratorName");
            p.Property(x => x.DateOfBirth).HasColumnName("PerpetratorDateOfBirth");
            p.Property(x => x.Aliases).HasColumnName("PerpetratorAliases");
        });
        @case.HasMany(c => c.VictimSurvivors).WithOne().HasForeignKey(v => v.CaseId);
        @case.HasIndex(c => c.Status);
        @case.Ignore(c => c.EarliestClosureOn);
        @case.Ignore(c => c.ExtensionNeededFrom);
        @case.Ignore(c => c.IsOpen);
    }
}

sealed class VictimSurvivorConfiguration : IEntityTypeConfiguration<VictimSurvivor>
{
    public void Configure(EntityTypeBuilder<VictimSurvivor> victim)
    {
        victim.Property(v => v.FullName).HasMaxLength(200);
        victim.Property(v => v.Address).HasMaxLength(500);
        victim.Property(v => v.Contact).HasMaxLength(200);
    }
}

sealed class LeverConfiguration : IEntityTypeConfiguration<Lever>
{
    public void Configure(EntityTypeBuilder<Lever> lever)
    {
        lever.Property(l => l.Description).HasMaxLength(1000);
        lever.HasOne(l => l.Agency).WithMany().HasForeignKey(l => l.AgencyId);
        lever.HasOne<Case>().WithMany().HasForeignKey(l => l.CaseId);
        lever.HasIndex(l => new { l.CaseId, l.MeetingId });
    }
}

sealed class PanelActionConfiguration : IEntityTypeConfiguration<PanelAction>
{
    public void Configure(EntityTypeBuilder<PanelAction> action)
    {
        action.Property(a => a.Description).HasMaxLength(PanelAction.MaxDescriptionLength);
        action.Property(a => a.OutcomeNote).HasMaxLength(2000);
        action.HasOne(a => a.Case).WithMany().HasForeignKey(a => a.CaseId);
        action.HasOne(a => a.OwnerAgency).WithMany().HasForeignKey(a => a.OwnerAgencyId);
        action.HasOne(a => a.OwnerPerson).WithMany().HasForeignKey(a => a.OwnerPersonId);
        action.HasOne<AgendaItem>().WithMany().HasForeignKey(a => a.AgendaItemId);
        action.HasIndex(a => new { a.OwnerAgencyId, a.Status });
    }
}

sealed class AttendanceConfiguration : IEntityTypeConfiguration<Domain.Attendance>
{
    public void Configure(EntityTypeBuilder<Domain.Attendance> attendance)
    {
        attendance.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId);
        attendance.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId);
        attendance.Property(a => a.Note).HasMaxLength(Domain.Attendance.MaxNoteLength);
        attendance.HasIndex(a => new { a.MeetingId, a.AgencyId });
    }
}

sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        audit.Property(a => a.ActorName).HasMaxLength(200);
        audit.Property(a => a.Summary).HasMaxLength(1000);
        // The audit search filters on one of these and reads newest first: each index serves both.
        audit.HasIndex(a => a.At);
        audit.HasIndex(a => new { a.CaseId, a.At });
        audit.HasIndex(a => new { a.MeetingId, a.At });
        audit.HasIndex(a => new { a.UserId, a.At });
        audit.HasIndex(a => new { a.Action, a.At });
        audit.Property(a => a.ViewKey).HasMaxLength(AuditEvent.MaxViewKeyLength);
        // A view's disclosure is written once even when two nodes record it at the same moment.
        audit.HasIndex(a => new { a.UserId, a.ViewKey }).IsUnique().HasFilter("\"ViewKey\" IS NOT NULL");
    }
}

sealed class MeetingChangeConfiguration : IEntityTypeConfiguration<MeetingChange>
{
    public void Configure(EntityTypeBuilder<MeetingChange> change)
    {
        change.Property(c => c.Kind).HasMaxLength(40);
        change.Property(c => c.Summary).HasMaxLength(500);
        change.Property(c => c.ActorName).HasMaxLength(200);
        change.Property(c => c.CommandFingerprint).HasMaxLength(LiveMeeting.LiveCommand.FingerprintLength);
        change.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId);
        change.HasIndex(c => new { c.MeetingId, c.Id });
        change.HasIndex(c => c.CommandId).IsUnique();
    }
}

sealed class ConfidentialityAcknowledgementConfiguration : IEntityTypeConfiguration<ConfidentialityAcknowledgement>
{
    public void Configure(EntityTypeBuilder<ConfidentialityAcknowledgement> acknowledgement)
    {
        acknowledgement.Property(a => a.Statement).HasMaxLength(Panel.MaxStatementLength);
        acknowledgement.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId);
        acknowledgement.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId);
        acknowledgement.HasIndex(a => new { a.MeetingId, a.PersonId }).IsUnique();
    }
}

sealed class AttendanceSummarySentConfiguration : IEntityTypeConfiguration<AttendanceSummarySent>
{
    public void Configure(EntityTypeBuilder<AttendanceSummarySent> sent)
    {
        sent.Property(s => s.RecipientEmail).HasMaxLength(256);
        sent.HasOne<Agency>().WithMany().HasForeignKey(s => s.AgencyId);
        sent.HasIndex(s => new { s.AgencyId, s.Month }).IsUnique();
    }
}
