using DapPanel.Core.Domain;
using DapPanel.Core.Insight;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DapPanel.Core.Data;

// Monthly counts behind the panel insight's throughput (see InsightQueries and InsightStaleness).

sealed class InsightMonthlyCountConfiguration : IEntityTypeConfiguration<InsightMonthlyCount>
{
    public void Configure(EntityTypeBuilder<InsightMonthlyCount> count)
    {
        count.HasKey(c => new { c.PanelId, c.Month, c.Measure, c.Code, c.Detail, c.AgencyId });
        count.HasOne<Panel>().WithMany().HasForeignKey(c => c.PanelId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class InsightMonthConfiguration : IEntityTypeConfiguration<InsightMonth>
{
    public void Configure(EntityTypeBuilder<InsightMonth> month)
    {
        month.HasKey(m => new { m.PanelId, m.Month });
        month.HasOne<Panel>().WithMany().HasForeignKey(m => m.PanelId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class InsightStaleMonthConfiguration : IEntityTypeConfiguration<InsightStaleMonth>
{
    public void Configure(EntityTypeBuilder<InsightStaleMonth> stale)
    {
        stale.HasKey(s => s.Id);
        stale.Property(s => s.Id).ValueGeneratedNever();
        stale.HasIndex(s => new { s.PanelId, s.Month });
    }
}
