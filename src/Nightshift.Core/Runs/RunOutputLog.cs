using System.Globalization;
using System.Text;
using System.Text.Json;
using Nightshift.Core.Dispatch;
using Nightshift.Core.Processes;
using Nightshift.Core.Tasks;
namespace Nightshift.Core.Runs;

/// <summary>
/// One run's printed output: every line goes to the run's output file (up to
/// <see cref="OutputLimits.KeptBytes"/>, then it is only counted), and a line is shown as an event
/// only while the run is within its budget (a burst, then a rate, and a total of bytes). What is held
/// back is told in summary events. Memory stays the same whatever the agent prints: a line is written
/// out or counted, never queued. Safe to call from the stdout and stderr readers at once.
/// </summary>
internal sealed class RunOutputLog(string path, OutputLimits limits, TimeProvider time) : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Lock _gate = new();
    private FileStream? _file;
    private double _tokens = limits.BurstLines;
    private long _refilledAt = time.GetTimestamp();
    private long _shownBytes;
    private long _keptBytes;
    private long _heldLines;
    private long _heldBytes;
    private long _uncountedBytes;
    private long _summarisedLines;
    private long _summaryAt = time.GetTimestamp();
    private bool _unwritable;

    public string Path => path;

    /// <summary>Keeps the line and says whether it is to be shown as an event too.</summary>
    public bool Take(string line, bool isError)
    {
        var bytes = Utf8.GetByteCount(line) + (isError ? 3 : 1);
        lock (_gate)
        {
            Keep(line, isError, bytes);
            Refill();
            if (_tokens >= 1 && _shownBytes + bytes <= limits.ShownBytes)
            {
                _tokens -= 1;
                _shownBytes += bytes;
                return true;
            }
            _heldLines++;
            _heldBytes += bytes;
            return false;
        }
    }

    /// <summary>
    /// A summary of the lines held back since the last one, when one is due (every
    /// <see cref="OutputLimits.SummaryInterval"/> while lines are held, and at the end); null otherwise.
    /// </summary>
    public (string Kind, string Message, string? Data)? Summary(bool final)
    {
        lock (_gate)
        {
            var since = _heldLines - _summarisedLines;
            if (since == 0 || (!final && time.GetElapsedTime(_summaryAt) < limits.SummaryInterval))
            {
                return null;
            }
            _summarisedLines = _heldLines;
            _summaryAt = time.GetTimestamp();
            _file?.Flush();
            var where = _uncountedBytes > 0
                ? $"the first {ByteCount.Format(_keptBytes)} of output are kept in {path} (its limit); the rest was counted, not kept"
                : $"all output is kept in {path}";
            var message = string.Create(CultureInfo.InvariantCulture,
                $"{_heldLines:N0} lines ({ByteCount.Format(_heldBytes)}) of output not shown here so far, over the run's output limit; {where}. See it with `nightshift logs <task> --output`.");
            var data = JsonSerializer.Serialize(new HeldOutput(_heldLines, _heldBytes, _keptBytes, _uncountedBytes, path, final), JsonSerializerOptions.Web);
            return (EventKind.OutputHeld, message, data);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    private void Keep(string line, bool isError, int bytes)
    {
        if (_unwritable || _keptBytes + bytes > limits.KeptBytes)
        {
            _uncountedBytes += bytes;
            return;
        }
        try
        {
            if (_file is null)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024);
            }
            if (isError)
            {
                _file.Write("! "u8);
            }
            Span<byte> small = stackalloc byte[256];
            var encoded = bytes <= small.Length ? small : new byte[bytes];
            var length = Utf8.GetBytes(line, encoded);
            _file.Write(encoded[..length]);
            _file.WriteByte((byte)'\n');
            _keptBytes += bytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file that cannot be written (a full disk) keeps nothing more; the lines are still counted.
            _uncountedBytes += bytes;
            _unwritable = true;
        }
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        _tokens = Math.Min(limits.BurstLines, _tokens + (time.GetElapsedTime(_refilledAt, now).TotalSeconds * limits.LinesPerSecond));
        _refilledAt = now;
    }

    private sealed record HeldOutput(long HeldLines, long HeldBytes, long KeptBytes, long UncountedBytes, string File, bool Final);
}
