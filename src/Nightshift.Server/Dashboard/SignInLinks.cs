using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Nightshift.Server.Dashboard;

/// <summary>
/// One-time sign-in links: `nightshift up` (and `nightshift dashboard`) print a URL that signs a
/// browser in once, so nobody pastes the token. Only a hash of each code is kept, each code works
/// once, and an unused code expires after <see cref="Lifetime"/>.
/// </summary>
public sealed class SignInLinks(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public const string PathPrefix = "/signin/link/";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    /// <summary>A new code; the link is <c>{server}/signin/link/{code}</c>.</summary>
    public string Issue()
    {
        var code = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        foreach (var (hash, expiry) in _expiries)
        {
            if (expiry <= now)
            {
                _expiries.TryRemove(hash, out _);
            }
        }
        _expiries[Hash(code)] = now + Lifetime;
        return code;
    }

    /// <summary>True once for a code that was issued and has not expired; the code is spent either way.</summary>
    public bool TryRedeem(string? code) =>
        !string.IsNullOrEmpty(code) && _expiries.TryRemove(Hash(code), out var expiry) && expiry > time.GetUtcNow();

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
