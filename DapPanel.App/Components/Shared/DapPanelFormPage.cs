using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DapPanel.App.Components.Shared;

/// <summary>A page that changes things: refusals and form problems are shown, what was typed stays.</summary>
public abstract class DapPanelFormPage : DapPanelPage
{
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    protected IReadOnlyList<string> Problems { get; set; } = [];
    protected bool Busy { get; private set; }

    protected async Task<bool> ActAsync(Func<Actor, Task> action, string? done = null)
    {
        Busy = true;
        Problems = [];
        try
        {
            await action(await Actors.GetAsync());
            if (done is not null) Snackbar.Add(done, Severity.Success);
            return true;
        }
        catch (InvalidInputException invalid)
        {
            Problems = invalid.Problems;
            return false;
        }
        catch (UserFacingException refusal)
        {
            Problems = [refusal.Message];
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
