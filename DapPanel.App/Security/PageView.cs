using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace DapPanel.App.Security;

/// <summary>
/// The page view a prerender or circuit is showing, so that what it discloses is audited once per view: the id a
/// prerender made is handed to the interactive render that follows it (a persisted service, protected like all
/// persisted state), and moving to another page in the circuit starts a new view.
/// </summary>
public sealed class PageView : IDisposable
{
    readonly NavigationManager navigation;

    public PageView(NavigationManager navigation)
    {
        this.navigation = navigation;
        navigation.LocationChanged += Moved;
    }

    /// <summary>Set by the prerender and handed over; read through <see cref="Current"/>.</summary>
    [PersistentState] public Guid? Id { get; set; }

    public Guid Current => Id ??= Guid.NewGuid();

    void Moved(object? sender, LocationChangedEventArgs e) => Id = Guid.NewGuid();

    public void Dispose() => navigation.LocationChanged -= Moved;
}
