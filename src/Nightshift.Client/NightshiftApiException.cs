using System.Net;

namespace Nightshift.Client;

/// <summary>An error answer from the Nightshift API, with its code and, for specs, the problems found.</summary>
public sealed class NightshiftApiException : Exception
{
    /// <summary>Creates the exception from an error response.</summary>
    public NightshiftApiException(HttpStatusCode status, ErrorDto error)
        : base(error.Error)
    {
        Status = status;
        Code = error.Code;
        Problems = error.Problems ?? [];
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The stable error code (see <see cref="ErrorDto.Code"/>).</summary>
    public string Code { get; }

    /// <summary>Problems in a submitted spec, each naming file, line and field.</summary>
    public IReadOnlyList<ProblemItem> Problems { get; }
}
