using System.Text;
using DapPanel.App.Security;
using DapPanel.Core.Audit;
using DapPanel.Core.Domain;

namespace DapPanel.App.Features.Audit;

/// <summary>The audit search result as CSV: authorized like the page, checked again by Core, and itself audited.</summary>
public static class AuditLogEndpoints
{
    public static void MapAuditLogEndpoints(this WebApplication app) =>
        app.MapGet("/audit.csv", async (string? person, string? @case, Guid? meeting, DateOnly? from, DateOnly? to,
            AuditAction? kind, HttpContext context, IAuditSearch search) =>
        {
            var actor = ActorAccessor.FromPrincipal(context.User);
            if (actor is null) return Results.Challenge();
            try
            {
                var export = await search.ExportAsync(actor, new AuditQuery(person, @case, meeting, from, to, kind),
                    context.RequestAborted);
                // A byte-order mark so spreadsheet programs read names' punctuation correctly.
                return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(export.Csv)).ToArray(),
                    "text/csv; charset=utf-8", export.FileName);
            }
            catch (AccessDeniedException refusal) { return Results.Text(refusal.Message, statusCode: StatusCodes.Status403Forbidden); }
            catch (UserFacingException problem) { return Results.Text(problem.Message, statusCode: StatusCodes.Status400BadRequest); }
        }).RequireAuthorization();

    /// <summary>The CSV link for what the page is showing.</summary>
    public static string CsvHref(AuditQuery query)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(query.UserId)) parts.Add("person=" + Uri.EscapeDataString(query.UserId));
        if (!string.IsNullOrWhiteSpace(query.CaseReference)) parts.Add("case=" + Uri.EscapeDataString(query.CaseReference.Trim()));
        if (query.MeetingId is { } meeting) parts.Add($"meeting={meeting}");
        if (query.From is { } from) parts.Add($"from={from:yyyy-MM-dd}");
        if (query.To is { } to) parts.Add($"to={to:yyyy-MM-dd}");
        if (query.Action is { } kind) parts.Add($"kind={kind}");
        return "/audit.csv" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }
}
