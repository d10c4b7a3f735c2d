using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DapPanel.Core.Data;

sealed class InformationSharingAgreementConfiguration : IEntityTypeConfiguration<InformationSharingAgreement>
{
    public void Configure(EntityTypeBuilder<InformationSharingAgreement> agreement)
    {
        agreement.Property(a => a.Text).HasMaxLength(InformationSharingAgreement.MaxTextLength);
        agreement.Property(a => a.PublishedByName).HasMaxLength(200);
        agreement.HasOne<Panel>().WithMany().HasForeignKey(a => a.PanelId);
        agreement.HasIndex(a => new { a.PanelId, a.Number }).IsUnique();
    }
}

sealed class AgreementAcknowledgementConfiguration : IEntityTypeConfiguration<AgreementAcknowledgement>
{
    public void Configure(EntityTypeBuilder<AgreementAcknowledgement> acknowledgement)
    {
        acknowledgement.HasOne<Panel>().WithMany().HasForeignKey(a => a.PanelId);
        acknowledgement.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId);
        acknowledgement.HasIndex(a => new { a.PanelId, a.AgreementNumber, a.PersonId }).IsUnique();
    }
}
