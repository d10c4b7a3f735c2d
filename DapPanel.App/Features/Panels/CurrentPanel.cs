using DapPanel.Core.Panels;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Components;

namespace DapPanel.App.Features.Panels;

/// <summary>
/// The panel a person who works on several chose in the app bar's switcher: kept in a cookie, read when the page is
/// prerendered and handed to its interactive render (a persisted service). None chosen means all their panels.
/// </summary>
public sealed class CurrentPanel(IHttpContextAccessor http)
{
    public const string CookieName = "DapPanel.Panel";

    /// <summary>Set by the prerender from the cookie and handed over; read through <see cref="Chosen"/>.</summary>
    [PersistentState] public Guid? ChosenId { get; set; }

    bool read;

    public Guid? Chosen
    {
        get
        {
            if (!read && ChosenId is null && http.HttpContext?.Request.Cookies[CookieName] is { } value && Guid.TryParse(value, out var id))
                ChosenId = id;
            read = true;
            return ChosenId;
        }
    }

    /// <summary>The chosen panel if it is still one of the person's, else null (all their panels).</summary>
    public async Task<Guid?> FilterAsync(IPanelQueries panels, Actor actor) =>
        Chosen is { } id && (await panels.MineAsync(actor)).Any(p => p.Id == id) ? id : null;
}
