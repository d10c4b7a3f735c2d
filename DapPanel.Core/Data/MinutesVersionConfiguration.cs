using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DapPanel.Core.Data;

sealed class MinutesVersionConfiguration : IEntityTypeConfiguration<MinutesVersion>
{
    public void Configure(EntityTypeBuilder<MinutesVersion> minutes)
    {
        minutes.HasOne<Meeting>().WithMany().HasForeignKey(v => v.MeetingId);
        // One version of each number per meeting: two chairs drafting at once cannot both create version 1.
        minutes.HasIndex(v => new { v.MeetingId, v.Number }).IsUnique();
        minutes.Property(v => v.GeneralNotes).HasMaxLength(MinutesVersion.MaxGeneralNotesLength);
        minutes.Property(v => v.CreatedByName).HasMaxLength(200);
        minutes.Property(v => v.FinalisedByName).HasMaxLength(200);
        minutes.Property(v => v.CorrectionReason).HasMaxLength(MinutesVersion.MaxReasonLength);
        minutes.OwnsMany(v => v.Items, items => items.ToJson());
        minutes.Ignore(v => v.IsFinal);
    }
}
