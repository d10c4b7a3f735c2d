using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DapPanel.Core.Data;

sealed class CaseIntakeConfiguration : IEntityTypeConfiguration<CaseIntake>
{
    public void Configure(EntityTypeBuilder<CaseIntake> intake)
    {
        intake.HasOne<Case>().WithOne().HasForeignKey<CaseIntake>(i => i.CaseId);
        intake.HasIndex(i => i.CaseId).IsUnique();
        intake.OwnsOne(i => i.Needs, NeedColumns.Map);
        intake.Navigation(i => i.Needs).IsRequired();
        intake.HasMany(i => i.Severities).WithOne().HasForeignKey(s => s.CaseIntakeId);
    }
}

sealed class IntakeSeverityConfiguration : IEntityTypeConfiguration<IntakeSeverity>
{
    public void Configure(EntityTypeBuilder<IntakeSeverity> severity)
    {
        severity.HasOne<VictimSurvivor>().WithMany().HasForeignKey(s => s.VictimSurvivorId);
        severity.HasIndex(s => new { s.CaseIntakeId, s.VictimSurvivorId, s.AbuseType }).IsUnique();
    }
}

sealed class AreaPopulationShareConfiguration : IEntityTypeConfiguration<AreaPopulationShare>
{
    public void Configure(EntityTypeBuilder<AreaPopulationShare> share)
    {
        share.HasOne<Panel>().WithMany().HasForeignKey(s => s.PanelId);
        share.HasIndex(s => new { s.PanelId, s.Group }).IsUnique();
        share.Property(s => s.Percent).HasPrecision(4, 1);
    }
}

/// <summary>The case manager and the needs a review update rates: the evaluation's additions to existing records.</summary>
sealed class EvaluationAdditionsConfiguration : IEntityTypeConfiguration<ReviewUpdate>
{
    public void Configure(EntityTypeBuilder<ReviewUpdate> update) => update.OwnsOne(u => u.Needs, NeedColumns.Map);
}

/// <summary>
/// The case manager is a person of the case-management provider (checked by IntakeService). No foreign key: on SQLite
/// adding one to the existing cases table rebuilds it outside a transaction; people are never deleted, only disabled.
/// </summary>
sealed class CaseManagerConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> @case) => @case.HasIndex(c => c.CaseManagerPersonId);
}

static class NeedColumns
{
    /// <summary>Each area a column named Need{Area}, on the intake record and on review updates alike.</summary>
    public static void Map<TOwner>(OwnedNavigationBuilder<TOwner, NeedsRatings> needs) where TOwner : class
    {
        needs.Ignore(n => n.KnownNeeds);
        foreach (var area in Enum.GetValues<NeedArea>())
            needs.Property(typeof(NeedLevel), area.ToString()).HasColumnName("Need" + area);
    }
}
