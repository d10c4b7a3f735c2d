using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Insight;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Evaluation;

/// <summary>
/// The panel evaluation's figures for any period: counts only, for managers, chairs and administrators. Small numbers
/// are suppressed in every export and, for managers, on screen; chairs and administrators may see them on screen.
/// </summary>
public interface IEvaluationQueries
{
    Task<IReadOnlyList<PanelOption>> PanelsAsync(Actor actor, CancellationToken cancellationToken = default);

    /// <summary>The figures on screen; <paramref name="showSmallNumbers"/> only for chairs and administrators.</summary>
    Task<EvaluationReport> ReportAsync(Actor actor, InsightPeriod period, bool showSmallNumbers = false,
        CancellationToken cancellationToken = default);

    /// <summary>The figures for a download, small numbers suppressed; audited once as an export.</summary>
    Task<EvaluationReport> ExportAsync(Actor actor, InsightPeriod period, EvaluationExport export,
        CancellationToken cancellationToken = default);
}

/// <summary>What is being downloaded: one table as CSV, the workbook of every table, or the PDF report.</summary>
public sealed record EvaluationExport(EvaluationExportFormat Format, string? TableKey = null)
{
    public string Describe(ShownTable? table) => Format switch
    {
        EvaluationExportFormat.Csv => $"the evaluation table \"{table?.Title}\" as CSV",
        EvaluationExportFormat.Workbook => "the evaluation workbook (every table, XLSX)",
        _ => "the evaluation report (PDF)",
    };
}

public enum EvaluationExportFormat { Csv, Workbook, Report }

/// <summary>The figures as shown or exported, with the panel and period they are for.</summary>
public sealed record EvaluationReport(string PanelName, InsightPeriod Period, bool IsEmpty, bool SmallNumbersSuppressed,
    string? AreaPopulationSource, IReadOnlyList<ShownFigure> Figures, DateTimeOffset MadeAt)
{
    public const string NoCases = "No cases in this period: no case was open at any time in it.";

    public IEnumerable<ShownTable> Tables => Figures.SelectMany(f => f.Tables);
}

public sealed class EvaluationQueries(IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, TimeProvider clock)
    : IEvaluationQueries
{
    const string Viewing = "see the panel evaluation";
    public static readonly Role[] Viewers = [Role.Manager, Role.Chair, Role.Administrator];

    public async Task<IReadOnlyList<PanelOption>> PanelsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Viewing, Viewers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = db.FiguresPanelIds(actor);
        return await db.Panels.AsNoTracking().Where(p => visible.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new PanelOption(p.Id, p.Name)).ToListAsync(cancellationToken);
    }

    public async Task<EvaluationReport> ReportAsync(Actor actor, InsightPeriod period, bool showSmallNumbers = false,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Viewing, Viewers);
        if (showSmallNumbers)
            actor.Require("see small numbers unsuppressed (on screen only)", Role.Chair, Role.Administrator);
        return await MakeAsync(actor, period, suppress: !showSmallNumbers, cancellationToken);
    }

    public async Task<EvaluationReport> ExportAsync(Actor actor, InsightPeriod period, EvaluationExport export,
        CancellationToken cancellationToken = default)
    {
        actor.Require("export the panel evaluation", Viewers);
        var report = await MakeAsync(actor, period, suppress: true, cancellationToken);
        if (report.IsEmpty) throw new DomainRuleException(EvaluationReport.NoCases + " There is nothing to export.");
        ShownTable? table = null;
        if (export.Format == EvaluationExportFormat.Csv)
            table = report.Tables.FirstOrDefault(t => t.Key == export.TableKey)
                ?? throw new NotFoundException("There is no evaluation table by that name; use a link from the evaluation page.");
        await audit.RecordAsync(actor, AuditAction.Exported,
            $"Exported {export.Describe(table)} for {report.PanelName}, {period.From:d MMM yyyy} to {period.To:d MMM yyyy} (small numbers suppressed)",
            cancellationToken: cancellationToken);
        return report;
    }

    async Task<EvaluationReport> MakeAsync(Actor actor, InsightPeriod period, bool suppress, CancellationToken cancellationToken)
    {
        period.Validate();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Only the panels the person works on: another panel's figures are as much its business as its cases.
        if (!await db.FiguresPanelIds(actor).ContainsAsync(period.PanelId, cancellationToken))
            throw new NotFoundException("That panel does not exist.");
        if (!suppress && !await db.ChairedPanelIds(actor).ContainsAsync(period.PanelId, cancellationToken))
            throw new AccessDeniedException("Only this panel's chairs and administrators can see its small numbers unsuppressed.");
        var panel = await db.Panels.AsNoTracking().Where(p => p.Id == period.PanelId)
            .Select(p => new { p.Name, p.AreaPopulationSource }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        var records = await EvaluationReader.ReadAsync(db, period, cancellationToken);
        var result = EvaluationCalculator.Calculate(records, period.From, period.To);
        return new EvaluationReport(panel.Name, period, result.IsEmpty, suppress, panel.AreaPopulationSource,
            result.Figures.Select(f => f.Show(suppress)).ToList(), clock.GetUtcNow());
    }
}
