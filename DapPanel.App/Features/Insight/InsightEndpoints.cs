using System.Text;
using DapPanel.App.Security;
using DapPanel.Core.Domain;
using DapPanel.Core.Insight;

namespace DapPanel.App.Features.Insight;

/// <summary>Every insight table as CSV: authorized like the page, checked again and audited by Core.</summary>
public static class InsightEndpoints
{
    public static void MapInsightEndpoints(this WebApplication app) =>
        app.MapGet("/insight/{table}.csv", async (string table, Guid? panel, DateOnly? from, DateOnly? to, HttpContext context,
            IInsightQueries insight) =>
        {
            var actor = ActorAccessor.FromPrincipal(context.User);
            if (actor is null) return Results.Challenge();
            if (panel is null || from is null || to is null)
                return Results.Text("Say which panel and period: ?panel=…&from=yyyy-MM-dd&to=yyyy-MM-dd", statusCode: StatusCodes.Status400BadRequest);
            try
            {
                var export = await insight.ExportAsync(actor, table, new InsightPeriod(panel.Value, from.Value, to.Value),
                    context.RequestAborted);
                // A byte-order mark so spreadsheet programs read the agency names' punctuation correctly.
                return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(export.Csv)).ToArray(),
                    "text/csv; charset=utf-8", export.FileName);
            }
            catch (AccessDeniedException refusal) { return Results.Text(refusal.Message, statusCode: StatusCodes.Status403Forbidden); }
            catch (NotFoundException missing) { return Results.Text(missing.Message, statusCode: StatusCodes.Status404NotFound); }
            catch (DomainRuleException rule) { return Results.Text(rule.Message, statusCode: StatusCodes.Status400BadRequest); }
        }).RequireAuthorization();
}
