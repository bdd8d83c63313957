using Nightshift.Cli.Connection;
using Nightshift.Cli.Terminal;
using Nightshift.Client;
using Nightshift.Core.Projects;
using Nightshift.Core.Storage;
using Nightshift.Server.Hosting;

namespace Nightshift.Cli.Shell;

/// <summary>What every command needs: where to print, the data folder, and one place that maps failures to exit codes.</summary>
public sealed class CliContext(Output output, NightshiftHome home)
{
    public Output Output { get; } = output;

    public NightshiftHome Home { get; } = home;

    public NightshiftClient Connect() => ServerConnection.Connect(Home);

    /// <summary>For commands that only read: the server, or its database read-only when none runs (see <see cref="Offline.ReadSource"/>).</summary>
    public Task<INightshiftReader> ReadAsync(CancellationToken cancellationToken) => Offline.ReadSource.OpenAsync(Home, Output, cancellationToken);

    /// <summary>Runs a command body; every failure becomes a message on stderr and an exit code from <see cref="ExitCodes"/>.</summary>
    public async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (NightshiftApiException ex)
        {
            Output.Error($"error: {ex.Message}");
            foreach (var problem in ex.Problems)
            {
                Output.Error($"  {problem}");
            }
            return ex.Code switch
            {
                "invalid_spec" or "too_large" => ExitCodes.InvalidSpec,
                "not_found" => ExitCodes.NotFound,
                "invalid_transition" => ExitCodes.NotAllowed,
                "unauthorized" => ExitCodes.Unauthorized,
                _ => ExitCodes.Failed,
            };
        }
        catch (ServerUnavailableException ex)
        {
            Output.Error($"error: {ex.Message}");
            return ExitCodes.ServerUnavailable;
        }
        catch (HttpRequestException ex)
        {
            Output.Error($"error: the Nightshift server did not answer ({ex.Message}). Is `nightshift up` running? If it was killed, start it again.");
            return ExitCodes.ServerUnavailable;
        }
        catch (OperationCanceledException)
        {
            Output.Error("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (ProjectException ex)
        {
            // Raised in this process when no server runs (init before up): the same words the API would send.
            Output.Error($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (StoreException ex)
        {
            // The user fixes this outside Nightshift (a permission, free space): the message says what, without a stack trace.
            Output.Error($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (AlreadyInUseException ex)
        {
            Output.Error($"error: {ex.Message}");
            return ExitCodes.InUse;
        }
        catch (InsideRun.NotInRunException ex)
        {
            Output.Error($"error: {ex.Message}");
            return ExitCodes.NotInRun;
        }
        catch (InsideRun.BridgeUnavailableException ex)
        {
            Output.Error($"error: {ex.Message}");
            return ExitCodes.ServerUnavailable;
        }
        catch (InsideRun.BridgeRefusedException ex)
        {
            Output.Error($"error: the run's bridge refused: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (CliUsageException ex)
        {
            Output.Error($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
    }
}
