namespace DapPanel.Core.Data;

/// <summary>Where the data lives; bound from the "Storage" section of appsettings.json.</summary>
public sealed class StorageSettings
{
    /// <summary>Folder for the SQLite file and mail pickup; relative paths start at the working directory.</summary>
    public string DataFolder { get; set; } = "data";

    public string FullDataFolder => Path.GetFullPath(DataFolder);

    public string SqliteConnectionString => $"Data Source={Path.Combine(FullDataFolder, "dappanel.db")};Pooling=True";
}
