using Microsoft.AspNetCore.Components;

namespace DapPanel.App.Components.Shared;

/// <summary>
/// A component whose loads stop when it goes away: <see cref="Closing"/> is cancelled when the person navigates
/// elsewhere or the circuit ends, so queries still running for a page nobody sees are abandoned.
/// </summary>
public abstract class ClosingComponent : ComponentBase, IDisposable
{
    readonly CancellationTokenSource closing = new();

    protected CancellationToken Closing => closing.Token;

    public virtual void Dispose()
    {
        closing.Cancel();
        closing.Dispose();
        GC.SuppressFinalize(this);
    }
}
