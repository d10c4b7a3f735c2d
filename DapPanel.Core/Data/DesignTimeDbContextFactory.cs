using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DapPanel.Core.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app.</summary>
sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DapPanelDbContext>
{
    public DapPanelDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DapPanelDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>The PostgreSQL model for `dotnet ef migrations add --context PostgresDapPanelDbContext`; it never connects.</summary>
sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresDapPanelDbContext>
{
    public PostgresDapPanelDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDapPanelDbContext>().UseNpgsql("Host=localhost;Database=dappanel_design").Options);
}
