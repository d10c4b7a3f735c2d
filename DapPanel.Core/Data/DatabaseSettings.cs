namespace DapPanel.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which engine holds the data; bound from "Database" and "ConnectionStrings:DapPanel".</summary>
public sealed class DatabaseSettings
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for Postgres; SQLite keeps its file in the data folder.</summary>
    public string? ConnectionString { get; set; }
}
