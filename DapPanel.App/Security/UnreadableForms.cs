using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;

namespace DapPanel.App.Security;

/// <summary>
/// A posted form whose antiforgery token is missing, expired or unreadable (a control character in a field, a page
/// left open overnight) goes back to its page with <c>?form=unreadable</c> instead of the framework's plain-text 400.
/// </summary>
public static class UnreadableForms
{
    public const string Marker = "unreadable";

    public static IApplicationBuilder UseUnreadableFormsSentBack(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method)
                && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            {
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                context.Response.Headers.Location = context.Request.Path + "?form=" + Marker;
                return;
            }
            await next();
        });
}
