using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Evaluation;

/// <summary>A panel's area population by ethnic group, which the evaluation sets the cohort beside. Administrators keep it.</summary>
public interface IAreaProfileService
{
    Task<AreaProfileInput> GetAsync(Actor actor, Guid panelId, CancellationToken cancellationToken = default);
    Task SaveAsync(Actor actor, AreaProfileInput input, CancellationToken cancellationToken = default);
}

public sealed class AreaProfileInput
{
    public Guid PanelId { get; set; }
    public string PanelName { get; set; } = "";
    public string? Source { get; set; }
    /// <summary>Per cent of the area's population in each group; all empty to clear the profile.</summary>
    public Dictionary<EthnicGroup, decimal?> Percent { get; set; } = Enum.GetValues<EthnicGroup>().ToDictionary(g => g, _ => (decimal?)null);

    public const int MaxSourceLength = 200;
    /// <summary>Published shares are rounded, so their total may be a little off 100.</summary>
    public const decimal Tolerance = 0.5m;

    public List<string> Problems()
    {
        var problems = new List<string>();
        var given = Enum.GetValues<EthnicGroup>().Select(g => Percent.GetValueOrDefault(g)).ToList();
        if (given.All(p => p is null)) return problems;
        if (given.Any(p => p is null)) problems.Add("Give a percentage for every ethnic group, or leave them all empty to clear the profile.");
        if (given.Any(p => p is < 0 or > 100 || (p is { } v && decimal.Round(v, 1) != v)))
            problems.Add("Each percentage is between 0 and 100, to at most one decimal place.");
        else if (given.All(p => p is not null) && Math.Abs(given.Sum(p => p!.Value) - 100) > Tolerance)
            problems.Add($"The percentages add up to {given.Sum(p => p!.Value):0.0}; they should add up to 100.");
        if (Source?.Trim().Length > MaxSourceLength) problems.Add($"The source is at most {MaxSourceLength} characters.");
        return problems;
    }
}

public sealed class AreaProfileService(IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit) : IAreaProfileService
{
    const string Keeping = "set a panel's area population profile";

    public async Task<AreaProfileInput> GetAsync(Actor actor, Guid panelId, CancellationToken cancellationToken = default)
    {
        actor.Require(Keeping, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panel = await db.Panels.AsNoTracking().SingleOrDefaultAsync(p => p.Id == panelId, cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        var shares = await db.AreaPopulationShares.AsNoTracking().Where(s => s.PanelId == panelId)
            .ToDictionaryAsync(s => s.Group, s => s.Percent, cancellationToken);
        return new AreaProfileInput
        {
            PanelId = panelId, PanelName = panel.Name, Source = panel.AreaPopulationSource,
            Percent = Enum.GetValues<EthnicGroup>().ToDictionary(g => g, g => shares.TryGetValue(g, out var p) ? p : (decimal?)null),
        };
    }

    public async Task SaveAsync(Actor actor, AreaProfileInput input, CancellationToken cancellationToken = default)
    {
        actor.Require(Keeping, Role.Administrator);
        InvalidInputException.ThrowIfAny(input.Problems());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panel = await db.Panels.SingleOrDefaultAsync(p => p.Id == input.PanelId, cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        db.AreaPopulationShares.RemoveRange(await db.AreaPopulationShares.Where(s => s.PanelId == panel.Id).ToListAsync(cancellationToken));
        var cleared = input.Percent.Values.All(p => p is null);
        if (!cleared)
            db.AreaPopulationShares.AddRange(input.Percent.Select(p => new AreaPopulationShare { PanelId = panel.Id, Group = p.Key, Percent = p.Value!.Value }));
        panel.AreaPopulationSource = cleared || PlainText.IsBlank(input.Source) ? null : input.Source.Trim();
        audit.Add(db, actor, AuditAction.Changed, cleared
            ? $"Cleared the area population profile of {panel.Name}"
            : $"Set the area population profile of {panel.Name}: "
              + string.Join(", ", input.Percent.Select(p => $"{p.Key} {p.Value:0.0}%")) + (panel.AreaPopulationSource is { } s ? $" ({s})" : ""));
        await db.SaveChangesAsync(cancellationToken);
    }
}
