using ModelContextProtocol;
using Nightshift.Core.Specs;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Mcp;

/// <summary>
/// Turns the engine's refusals into MCP tool errors that say what was wrong. The SDK hides the
/// message of any other exception, so bad input must become an <see cref="McpException"/> here.
/// </summary>
internal static class ToolErrors
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (SpecValidationException spec)
        {
            var head = spec.Errors.Count == 1 ? "The spec has a problem; nothing was stored." : $"The spec has {spec.Errors.Count} problems; nothing was stored.";
            throw new McpException(string.Join("\n", [head, .. spec.Errors.Select(e => e.ToString())]), spec);
        }
        catch (Exception ex) when (ex is ArgumentException or TaskNotFoundException or InvalidTransitionException or Core.Projects.ProjectException)
        {
            throw new McpException(ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller giving up: the run's own writes were refused (its lease is gone).
            throw new McpException("This run has ended or no longer holds its lease; nothing was recorded.", ex);
        }
    }
}
