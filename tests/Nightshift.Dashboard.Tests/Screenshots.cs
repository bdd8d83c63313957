using Microsoft.Playwright;

namespace Nightshift.Dashboard.Tests;

/// <summary>
/// Screenshots of the dashboard's pages. Every run takes them (into a temp folder); with
/// NIGHTSHIFT_UPDATE_SCREENSHOTS=1 they replace the ones in docs/screenshots that the README shows.
/// </summary>
public static class Screenshots
{
    public const string UpdateVariable = "NIGHTSHIFT_UPDATE_SCREENSHOTS";

    public static async Task<string> TakeAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable(UpdateVariable) == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
            : Path.Combine(Path.GetTempPath(), "nightshift-screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nightshift.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Nightshift.slnx not found above the test's folder: run the tests from the repository.");
    }
}
