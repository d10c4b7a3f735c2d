using System.Text;
using System.Text.RegularExpressions;
using DapPanel.App.Security;
using DapPanel.Core.Domain;
using DapPanel.Core.Evaluation;
using DapPanel.Core.Insight;
using DapPanel.Core.Security;

namespace DapPanel.App.Features.Evaluation;

/// <summary>
/// The evaluation's downloads: each table as CSV, the quarterly return as XLSX, the report as PDF. Authorized like the
/// page, checked again and audited once by Core; small numbers always suppressed; never kept in a cache.
/// </summary>
public static partial class EvaluationEndpoints
{
    public static void MapEvaluationEndpoints(this WebApplication app)
    {
        var evaluation = app.MapGroup("/evaluation").RequireAuthorization();

        evaluation.MapGet("/tables/{table}.csv", (string table, HttpContext context, IEvaluationQueries queries) =>
            DownloadAsync(context, queries, new EvaluationExport(EvaluationExportFormat.Csv, table), (report, _) =>
            {
                var shown = report.Tables.Single(t => t.Key == table);
                // A byte-order mark so spreadsheet programs read the punctuation correctly.
                var csv = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(EvaluationCsv.Write(shown))).ToArray();
                return (csv, "text/csv; charset=utf-8", $"{table}-{Dates(report)}.csv");
            }));

        evaluation.MapGet("/workbook.xlsx", (HttpContext context, IEvaluationQueries queries) =>
            DownloadAsync(context, queries, new EvaluationExport(EvaluationExportFormat.Workbook), (report, _) =>
                (EvaluationWorkbook.Render(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    $"evaluation-{Slug(report.PanelName)}-{Dates(report)}.xlsx")));

        evaluation.MapGet("/report.pdf", (HttpContext context, IEvaluationQueries queries) =>
            DownloadAsync(context, queries, new EvaluationExport(EvaluationExportFormat.Report), (report, actor) =>
                (EvaluationReportPdf.Render(report, actor.Name), "application/pdf", $"evaluation-{Slug(report.PanelName)}-{Dates(report)}.pdf")));
    }

    static async Task<IResult> DownloadAsync(HttpContext context, IEvaluationQueries queries, EvaluationExport export,
        Func<EvaluationReport, Actor, (byte[] Content, string Type, string File)> render)
    {
        // Figures about people stay out of every cache, the browser's included; refusals too.
        context.Response.Headers.CacheControl = "no-store";
        var actor = ActorAccessor.FromPrincipal(context.User);
        if (actor is null) return Results.Challenge();
        var query = context.Request.Query;
        if (!Guid.TryParse(query["panel"], out var panel) || !DateOnly.TryParseExact(query["from"], "yyyy-MM-dd", out var from)
            || !DateOnly.TryParseExact(query["to"], "yyyy-MM-dd", out var to))
            return Results.Text("Say which panel and period: ?panel=…&from=yyyy-MM-dd&to=yyyy-MM-dd", statusCode: StatusCodes.Status400BadRequest);
        try
        {
            var report = await queries.ExportAsync(actor, new InsightPeriod(panel, from, to), export, context.RequestAborted);
            var (content, type, file) = await Task.Run(() => render(report, actor), context.RequestAborted);
            return Results.File(content, type, file);
        }
        catch (AccessDeniedException refusal) { return Results.Text(refusal.Message, statusCode: StatusCodes.Status403Forbidden); }
        catch (NotFoundException missing) { return Results.Text(missing.Message, statusCode: StatusCodes.Status404NotFound); }
        catch (DomainRuleException rule) { return Results.Text(rule.Message, statusCode: StatusCodes.Status400BadRequest); }
    }

    static string Dates(EvaluationReport report) => $"{report.Period.From:yyyy-MM-dd}-to-{report.Period.To:yyyy-MM-dd}";

    static string Slug(string text) => NonWord().Replace(text.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
