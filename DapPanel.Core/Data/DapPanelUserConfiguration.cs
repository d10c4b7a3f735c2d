using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DapPanel.Core.Data;

sealed class DapPanelUserConfiguration : IEntityTypeConfiguration<DapPanelUser>
{
    public void Configure(EntityTypeBuilder<DapPanelUser> user) =>
        user.Property(u => u.LastSignInMethod).HasMaxLength(DapPanelUser.MaxSignInMethodLength);
}
