using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Nightshift.Core.Storage;

namespace Nightshift.Server.Dashboard;

/// <summary>
/// The dashboard's live sign-ins. A cookie is honoured only while its session id is listed here, so
/// signing out ends the session on the server: a copy of the cookie taken before stops working.
/// Only a hash of each id is kept, in the data folder beside the cookie keys, so sessions outlive a
/// restart as the cookies do.
/// </summary>
public sealed class DashboardSessions
{
    public const string ClaimType = "nightshift:session";

    /// <summary>How long a session lasts unused; each use within it extends it, as the cookie's sliding expiry does.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiries;

    public DashboardSessions(NightshiftHome home, TimeProvider time)
    {
        _path = Path.Combine(home.Path, "dashboard-sessions");
        _time = time;
        _expiries = Load(_path);
    }

    /// <summary>A new session's id, to carry in the cookie.</summary>
    public string Begin()
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        lock (_gate)
        {
            _expiries[Hash(id)] = _time.GetUtcNow() + Lifetime;
            Save();
        }
        return id;
    }

    /// <summary>True while the session is signed in; a use in the second half of its lifetime extends it.</summary>
    public bool IsLive(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var key = Hash(id);
            if (!_expiries.TryGetValue(key, out var expiry) || expiry <= now)
            {
                return false;
            }
            // Written at most once per half lifetime per session, not on every request.
            if (expiry - now < Lifetime / 2)
            {
                _expiries[key] = now + Lifetime;
                Save();
            }
            return true;
        }
    }

    /// <summary>Ends the session: its cookie, and every copy of it, no longer signs anyone in.</summary>
    public void End(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return;
        }
        lock (_gate)
        {
            if (_expiries.Remove(Hash(id)))
            {
                Save();
            }
        }
    }

    private void Save()
    {
        var now = _time.GetUtcNow();
        var text = new StringBuilder();
        foreach (var (hash, expiry) in _expiries.Where(e => e.Value > now))
        {
            text.Append(hash).Append(' ').Append(expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        var temporary = _path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text.ToString());
        }
        // Replaced whole, so a crash mid-write leaves the previous list rather than half of one.
        File.Move(temporary, _path, overwrite: true);
    }

    private static Dictionary<string, DateTimeOffset> Load(string path)
    {
        var sessions = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return sessions;
        }
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                sessions[parts[0]] = DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }
        return sessions;
    }

    private static string Hash(string id) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
