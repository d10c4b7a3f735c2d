using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DapPanel.Core.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own so that its migrations (Data/PostgresMigrations)
/// sit beside SQLite's in this assembly; services still ask for <see cref="DapPanelDbContext"/>.
/// </summary>
public sealed class PostgresDapPanelDbContext(DbContextOptions<PostgresDapPanelDbContext> options) : DapPanelDbContext(options)
{
    static readonly ValueConverter<DateTimeOffset, DateTimeOffset> ToUtc = new(v => v.ToUniversalTime(), v => v);
    static readonly ValueConverter<DateTimeOffset?, DateTimeOffset?> NullableToUtc = new(v => v.HasValue ? v.Value.ToUniversalTime() : v, v => v);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Npgsql writes timestamptz only from offset 0: a caller passing a local offset gets the same instant stored in UTC.
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            if (property.ClrType == typeof(DateTimeOffset)) property.SetValueConverter(ToUtc);
            else if (property.ClrType == typeof(DateTimeOffset?)) property.SetValueConverter(NullableToUtc);
        }
    }
}
