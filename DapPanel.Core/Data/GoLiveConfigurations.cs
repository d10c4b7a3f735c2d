using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DapPanel.Core.Data;

sealed class SetupTokenConfiguration : IEntityTypeConfiguration<SetupToken>
{
    public void Configure(EntityTypeBuilder<SetupToken> token)
    {
        token.Property(t => t.TokenHash).HasMaxLength(64);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.Property(t => t.AdministratorEmail).HasMaxLength(256);
    }
}

sealed class BackupRecordConfiguration : IEntityTypeConfiguration<BackupRecord>
{
    public void Configure(EntityTypeBuilder<BackupRecord> backup)
    {
        backup.Property(b => b.FileName).HasMaxLength(1000);
        backup.HasIndex(b => b.TakenAt);
    }
}

/// <summary>A case belongs to one panel; a panel's place and link are what new meetings start from.</summary>
sealed class PanelScopeConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> @case)
    {
        @case.HasOne<Panel>().WithMany().HasForeignKey(c => c.PanelId).OnDelete(DeleteBehavior.Restrict);
        @case.HasIndex(c => new { c.PanelId, c.Status });
    }
}

sealed class PanelPlaceConfiguration : IEntityTypeConfiguration<Panel>
{
    public void Configure(EntityTypeBuilder<Panel> panel)
    {
        panel.Property(p => p.UsualLocation).HasMaxLength(300);
        panel.Property(p => p.UsualOnlineLink).HasMaxLength(500);
    }
}
