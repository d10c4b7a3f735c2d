using MudBlazor;

namespace DapPanel.App.Components.Layout;

public static class DapPanelTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4e89",
            Secondary = "#0f7b6c",
            Tertiary = "#6a3d9a",
            AppbarBackground = "#13315c",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2933",
            TextPrimary = "#1f2933",
            TextSecondary = "#4a5563",
            Error = "#b42318",
            Warning = "#9a5b00",
            Success = "#1b7a3a",
            Info = "#1d4e89",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
            // Buttons read as sentences ("Send reminders to 3 agencies"), not shouted in capitals.
            Button = new ButtonTypography { TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
