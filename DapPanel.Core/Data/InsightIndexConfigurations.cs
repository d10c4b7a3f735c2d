using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DapPanel.Core.Data;

// Covering indexes for the panel insight queries: each count reads its index alone, never the rows
// (see docs/performance.md: five years of three panels, and ten times that).

sealed class LeverInsightIndexConfiguration : IEntityTypeConfiguration<Lever>
{
    public void Configure(EntityTypeBuilder<Lever> lever) =>
        lever.HasIndex(l => new { l.MeetingId, l.IsWithdrawn, l.Family, l.Area, l.AgencyId }, "IX_Levers_Insight");
}

sealed class AttendanceInsightIndexConfiguration : IEntityTypeConfiguration<Domain.Attendance>
{
    public void Configure(EntityTypeBuilder<Domain.Attendance> attendance) =>
        attendance.HasIndex(a => new { a.MeetingId, a.IsObserver, a.AgencyId, a.Status, a.JoinedAt }, "IX_Attendances_Insight");
}

sealed class AgendaItemInsightIndexConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> item) =>
        item.HasIndex(i => new { i.MeetingId, i.IsDeferred, i.Kind, i.CaseId, i.Id }, "IX_AgendaItems_Insight");
}

sealed class DecisionInsightIndexConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> decision) =>
        decision.HasIndex(d => new { d.AgendaItemId, d.Outcome, d.ClosureReason }, "IX_Decisions_Insight");
}

sealed class PanelActionInsightIndexConfiguration : IEntityTypeConfiguration<PanelAction>
{
    public void Configure(EntityTypeBuilder<PanelAction> action) =>
        action.HasIndex(a => new { a.AgendaItemId, a.OwnerAgencyId, a.Status }, "IX_Actions_Insight");
}

sealed class ReviewUpdateInsightIndexConfiguration : IEntityTypeConfiguration<ReviewUpdate>
{
    public void Configure(EntityTypeBuilder<ReviewUpdate> update) =>
        update.HasIndex(r => new { r.AgendaItemId, r.Id }, "IX_ReviewUpdates_Insight");
}

sealed class InterventionInsightIndexConfiguration : IEntityTypeConfiguration<Intervention>
{
    public void Configure(EntityTypeBuilder<Intervention> intervention) =>
        intervention.HasIndex(x => new { x.ReviewUpdateId, x.Kind, x.AgencyId }, "IX_Interventions_Insight");
}
