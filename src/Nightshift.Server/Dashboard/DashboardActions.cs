using MudBlazor;
using Nightshift.Core.Projects;
using Nightshift.Core.Specs;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Dashboard;

/// <summary>
/// Runs what a dashboard button asks for and says how it went: a refusal the engine explains
/// (a task in the wrong state, bad input) shows its own message; nothing fails silently.
/// </summary>
public sealed class DashboardActions(ISnackbar snackbar)
{
    public async Task<bool> RunAsync(Func<Task> action, string done)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action();
            snackbar.Add(done, Severity.Success);
            return true;
        }
        catch (Exception ex) when (ex is InvalidTransitionException or TaskNotFoundException or ArgumentException or SpecValidationException or ProjectException or InvalidOperationException)
        {
            snackbar.Add(ex.Message, Severity.Error);
            return false;
        }
    }
}
