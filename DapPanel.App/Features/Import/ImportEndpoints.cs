using DapPanel.Core.Import;

namespace DapPanel.App.Features.Import;

public static class ImportEndpoints
{
    public static void MapImportEndpoints(this IEndpointRouteBuilder endpoints) =>
        // The blank files to fill in: headings and an example row, nothing from the database.
        endpoints.MapGet("/import/templates/{name}", (string name) =>
                ImportTemplates.Find(name) is { } template
                    ? Results.File(template.Content, template.ContentType, template.FileName)
                    : Results.NotFound())
            .RequireAuthorization(policy => policy.RequireRole(nameof(DapPanel.Core.Domain.Role.Administrator)));
}
