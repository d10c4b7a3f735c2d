using DapPanel.App.Security;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Components;

namespace DapPanel.App.Components.Shared;

/// <summary>A page that loads through Core services as the signed-in person and shows refusals plainly.</summary>
public abstract class DapPanelPage : ClosingComponent
{
    [Inject] protected ActorAccessor Actors { get; set; } = default!;

    protected string? LoadError { get; private set; }

    /// <summary>Set when the page's case information waits on the person acknowledging this panel's agreement.</summary>
    protected Guid? AgreementPanelId { get; private set; }

    /// <summary>Loads as the signed-in person; the token is cancelled when the page closes, which ends the load quietly.</summary>
    protected async Task<T?> LoadAsync<T>(Func<Actor, CancellationToken, Task<T>> load) where T : class
    {
        try
        {
            LoadError = null;
            AgreementPanelId = null;
            return await load(await Actors.GetAsync(), Closing);
        }
        catch (OperationCanceledException) when (Closing.IsCancellationRequested)
        {
            return null;
        }
        catch (DapPanel.Core.InformationSharing.AgreementNotAcknowledgedException unacknowledged)
        {
            AgreementPanelId = unacknowledged.PanelId;
            LoadError = unacknowledged.Message;
            return null;
        }
        catch (UserFacingException refusal)
        {
            LoadError = refusal.Message;
            return null;
        }
    }
}
