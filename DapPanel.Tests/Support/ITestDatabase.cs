using DapPanel.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.Support;

/// <summary>A migrated database of its own for one test, on either provider.</summary>
public interface ITestDatabase : IDbContextFactory<DapPanelDbContext>, IAsyncDisposable;
