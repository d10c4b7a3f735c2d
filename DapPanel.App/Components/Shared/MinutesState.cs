using DapPanel.Core.Domain;
using MudBlazor;

namespace DapPanel.App.Components.Shared;

/// <summary>How a past meeting's minutes stand, in the same words and colour wherever it is shown.</summary>
public static class MinutesState
{
    public static string Label(MinutesStatus? minutes) => minutes switch
    {
        MinutesStatus.Final => "Minutes final",
        MinutesStatus.Draft => "Minutes in draft",
        _ => "Minutes not started",
    };

    public static Color Colour(MinutesStatus? minutes) => minutes == MinutesStatus.Final ? Color.Success : Color.Default;
}
