using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Backups;

/// <summary>What a backup wrote, and what its copy said when checked.</summary>
public sealed record BackupTaken(string FileName, long SizeBytes, DateTimeOffset TakenAt, string IntegrityCheck);

/// <summary>
/// A consistent copy of the SQLite database taken while the app runs, through SQLite's online backup API: it reads
/// one snapshot of the database (the app's writes carry on beside it in WAL mode), so the copy holds every change
/// committed before it began and none half-made. The copy is checked with <c>PRAGMA integrity_check</c>, written
/// under a temporary name and renamed only when whole, and recorded for the go-live checklist.
/// </summary>
public sealed class DatabaseBackup(IDbContextFactory<DapPanelDbContext> dbFactory, StorageSettings storage,
    DatabaseSettings database, TimeProvider clock)
{
    public string SqliteFile => Path.Combine(storage.FullDataFolder, "dappanel.db");

    public async Task<BackupTaken> TakeAsync(string destination, CancellationToken cancellationToken = default)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
            throw new DomainRuleException(
                "This deployment keeps its data in PostgreSQL: back it up with pg_dump (docs/operations.md, \"Backups\").");
        if (string.IsNullOrWhiteSpace(destination))
            throw new DomainRuleException("Name the file to write the backup to, e.g. backup dappanel-2026-12-04.db");
        var target = Path.GetFullPath(destination);
        if (!File.Exists(SqliteFile))
            throw new DomainRuleException($"There is no database at {SqliteFile}: check Storage:DataFolder.");
        if (File.Exists(target) || Directory.Exists(target))
            throw new DomainRuleException($"{target} already exists: name a new file, so no earlier backup is overwritten.");
        if (Path.GetDirectoryName(target) is { Length: > 0 } folder && !Directory.Exists(folder))
            throw new DomainRuleException($"The folder {folder} does not exist.");
        if (string.Equals(target, SqliteFile, StringComparison.Ordinal))
            throw new DomainRuleException("The backup cannot be the database itself.");

        var partial = target + ".partial";
        File.Delete(partial);
        var takenAt = clock.GetUtcNow();
        string integrity;
        try
        {
            await using (var source = new SqliteConnection($"Data Source={SqliteFile};Mode=ReadWrite;Pooling=False"))
            await using (var copy = new SqliteConnection($"Data Source={partial};Pooling=False"))
            {
                await source.OpenAsync(cancellationToken);
                await Execute(source, "PRAGMA busy_timeout=10000;", cancellationToken);
                await copy.OpenAsync(cancellationToken);
                // One step over every page: the source is read as one snapshot, writers in WAL mode are not held up.
                source.BackupDatabase(copy);
                // The copy is one self-contained file, not a database waiting on a write-ahead log beside it.
                await Execute(copy, "PRAGMA journal_mode=DELETE;", cancellationToken);
                integrity = await Execute(copy, "PRAGMA integrity_check;", cancellationToken);
            }
            if (integrity != "ok")
                throw new DomainRuleException($"The copy failed its integrity check ({integrity}); nothing was kept. Try again.");
            File.Move(partial, target);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (File.Exists(partial)) File.Delete(partial);
        }

        var size = new FileInfo(target).Length;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.BackupRecords.Add(new BackupRecord { TakenAt = takenAt, FileName = target, SizeBytes = size });
        await db.SaveChangesAsync(cancellationToken);
        return new BackupTaken(target, size, takenAt, integrity);
    }

    /// <summary>The latest backup this app took, for the go-live checklist.</summary>
    public async Task<BackupRecord?> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BackupRecords.AsNoTracking().OrderByDescending(b => b.TakenAt).FirstOrDefaultAsync(cancellationToken);
    }

    static async Task<string> Execute(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken)) ?? "";
    }
}
