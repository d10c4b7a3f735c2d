using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DapPanel.Core.Data;

/// <summary>Indexes the panel insight queries need: levers are counted by the meeting they were offered at.</summary>
sealed class LeverInsightIndexConfiguration : IEntityTypeConfiguration<Lever>
{
    public void Configure(EntityTypeBuilder<Lever> lever) => lever.HasIndex(l => l.MeetingId);
}
