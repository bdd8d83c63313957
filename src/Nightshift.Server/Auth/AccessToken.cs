using System.Security.Cryptography;
using System.Text;
using Nightshift.Core.Storage;

namespace Nightshift.Server.Auth;

/// <summary>
/// The server's access token: made on first start, stored in the data folder readable by its
/// owner only (0600), and required on every API call.
/// </summary>
public sealed class AccessToken
{
    private readonly byte[] _bytes;

    private AccessToken(string value)
    {
        Value = value;
        _bytes = Encoding.UTF8.GetBytes(value);
    }

    public string Value { get; }

    public static AccessToken LoadOrCreate(NightshiftHome home)
    {
        home.EnsureExists();
        if (File.Exists(home.TokenPath))
        {
            var existing = File.ReadAllText(home.TokenPath).Trim();
            if (existing.Length >= 32)
            {
                return new AccessToken(existing);
            }
        }
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(home.TokenPath, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(token);
        }
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to new files; an existing (too short) file keeps its mode otherwise.
            File.SetUnixFileMode(home.TokenPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new AccessToken(token);
    }

    /// <summary>Compares in constant time, so the token cannot be guessed byte by byte from response times.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _bytes);
}
