using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DapPanel.Core.Data;

/// <summary>Whether a save failed on a unique index, on either provider: the row it meant to add is already there.</summary>
public static class UniqueViolation
{
    const int SqliteConstraintUnique = 2067;
    const int SqliteConstraintPrimaryKey = 1555;

    public static bool Is(DbUpdateException failure) => failure.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
