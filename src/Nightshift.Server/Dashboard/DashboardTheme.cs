using MudBlazor;

namespace Nightshift.Server.Dashboard;

/// <summary>The dashboard's look: the system font stack (nothing is fetched), calm colours, dense layout.</summary>
public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        PaletteLight = new PaletteLight { Primary = "#3949ab", AppbarBackground = "#1a237e" },
        PaletteDark = new PaletteDark { Primary = "#8c9eff" },
    };
}
