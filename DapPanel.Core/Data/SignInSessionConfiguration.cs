using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DapPanel.Core.Data;

sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> session)
    {
        session.HasKey(s => s.Key);
        session.Property(s => s.Key).HasMaxLength(SignInSession.MaxKeyLength);
        session.Property(s => s.UserId).HasMaxLength(450);
        session.HasIndex(s => s.UserId);
        session.HasIndex(s => s.ExpiresAt);
    }
}
