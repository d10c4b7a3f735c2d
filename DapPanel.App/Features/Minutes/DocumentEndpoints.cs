using System.Globalization;
using System.Text.RegularExpressions;
using DapPanel.App.Components.Shared;
using DapPanel.App.Features.Circulation;
using DapPanel.App.Pdf;
using DapPanel.Core.Audit;
using DapPanel.Core.Circulation;
using DapPanel.App.Security;
using DapPanel.Core.Domain;
using DapPanel.Core.Minutes;
using DapPanel.Core.Security;

namespace DapPanel.App.Features.Minutes;

/// <summary>Downloads of minutes and action lists, authorized like the pages and checked again by Core.</summary>
public static partial class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this WebApplication app)
    {
        PdfFonts.Register(app.Configuration["Pdf:FontFolder"]);

        app.MapGet("/meetings/{id:guid}/minutes.pdf", (Guid id, string? version, HttpContext context, IMinutesService minutes) =>
            !TryVersion(version, out var number)
                ? Task.FromResult(BadRequest("The version is a whole number: ?version=1, 2 and so on."))
                : PdfAsync(context, async (actor, token) =>
                {
                    var document = await minutes.ExportMinutesAsync(actor, id, number, token);
                    var file = $"minutes-{Slug(document.Content.PanelName)}-{Date(document.Content.StartsAt)}-v{document.Version.Number}"
                        + (document.Version.Status == MinutesStatus.Draft ? "-draft" : "") + ".pdf";
                    return (await Task.Run(() => MinutesPdf.Render(document), token), file);
                })).RequireAuthorization();

        app.MapGet("/meetings/{id:guid}/actions.pdf", (Guid id, string? agency, HttpContext context, IActionFollowUp actions) =>
            !TryAgency(agency, out var agencyId)
                ? Task.FromResult(BadRequest("The agency is given by its id, as in the download links: ?agency=<id>."))
                : PdfAsync(context, async (actor, token) =>
                {
                    var list = await actions.ExportActionListAsync(actor, id, agencyId, token);
                    var file = $"actions-{Slug(list.PanelName)}-{Date(list.MeetingStartsAt)}-{Slug(list.AgencyName ?? "all-agencies")}.pdf";
                    return (await Task.Run(() => ActionListPdf.Render(list), token), file);
                })).RequireAuthorization();

        MapCaseList(app);
    }

    /// <summary>The circulated case list, for every member agency once circulated; each download audited.</summary>
    static void MapCaseList(WebApplication app) =>
        app.MapGet("/meetings/{id:guid}/case-list.pdf", (Guid id, HttpContext context, ICirculationService circulation,
            TimeProvider clock) =>
            PdfAsync(context, async (actor, token) =>
            {
                var list = await circulation.DownloadCaseListAsync(actor, id, token);
                var file = $"case-list-{Slug(list.Meeting.PanelName)}-{Date(list.Meeting.StartsAt)}.pdf";
                return (await Task.Run(() => CaseListPdf.Render(list, actor.Name, clock.GetUtcNow()), token), file);
            })).RequireAuthorization();

    static async Task<IResult> PdfAsync(HttpContext context, Func<Actor, CancellationToken, Task<(byte[] Pdf, string File)>> make)
    {
        var actor = ActorAccessor.FromPrincipal(context.User);
        if (actor is null) return Results.Challenge();
        try
        {
            var (pdf, file) = await make(actor, context.RequestAborted);
            return Results.File(pdf, "application/pdf", file);
        }
        catch (AccessDeniedException refusal) { return Results.Text(refusal.Message, statusCode: StatusCodes.Status403Forbidden); }
        catch (NotFoundException missing) { return Results.Text(missing.Message, statusCode: StatusCodes.Status404NotFound); }
        catch (DomainRuleException rule) { return Results.Text(rule.Message, statusCode: StatusCodes.Status409Conflict); }
    }

    // Query values are read here rather than bound, so a malformed one is answered in words (binding answers with an
    // exception: a stack trace in Development, a bodiless status in Production).
    static bool TryVersion(string? text, out int? number)
    {
        number = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) return false;
        number = parsed;
        return true;
    }

    static bool TryAgency(string? text, out Guid? agency)
    {
        agency = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!Guid.TryParse(text, out var parsed)) return false;
        agency = parsed;
        return true;
    }

    static IResult BadRequest(string message) => Results.Text(message, statusCode: StatusCodes.Status400BadRequest);

    static string Date(DateTimeOffset instant) => PanelTime.ToLocal(instant).ToString("yyyy-MM-dd");

    static string Slug(string text) => NonWord().Replace(text.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
