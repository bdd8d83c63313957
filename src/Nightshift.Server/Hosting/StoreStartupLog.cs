using Microsoft.Extensions.Logging;

namespace Nightshift.Server.Hosting;

/// <summary>What the store's files said at start, in the server log (which `up` prints).</summary>
internal static partial class StoreStartupLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void MissingWriteAheadLog(ILogger logger, string warning);
}
