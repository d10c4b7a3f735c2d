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
        AddServices(Services);
        Render<MudPopoverProvider>();
    }

    /// <summary>Fakes a test class needs, registered before anything is rendered.</summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services only dispose asynchronously; xunit calls this before Dispose.
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
