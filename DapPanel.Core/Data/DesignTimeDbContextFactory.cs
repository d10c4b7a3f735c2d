using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DapPanel.Core.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app.</summary>
sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DapPanelDbContext>
{
    public DapPanelDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DapPanelDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
