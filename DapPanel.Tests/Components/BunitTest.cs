using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DapPanel.Tests.Components;

/// <summary>MudBlazor registered once, JavaScript interop loose, popovers rendered.</summary>
public abstract class BunitTest : BunitContext, IAsyncLifetime
{
    protected BunitTest()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Render<MudPopoverProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services only dispose asynchronously; xunit calls this before Dispose.
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
