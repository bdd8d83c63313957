namespace Nightshift.Core.Specs;

/// <summary>
/// The rules of <c>git check-ref-format --branch</c>, run outside a repository (so <c>@{-1}</c> is
/// not expanded): the name must be a valid ref under <c>refs/heads/</c>, must not start with '-'
/// and must not be <c>HEAD</c>.
/// </summary>
public static class BranchName
{
    public static bool IsValid(string name, out string reason)
    {
        reason = Problem(name) ?? string.Empty;
        return reason.Length == 0;
    }

    private static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }
        if (name == "HEAD")
        {
            return "'HEAD' is reserved";
        }
        if (name[0] == '-')
        {
            return "it starts with '-'";
        }
        if (name[0] == '/' || name[^1] == '/')
        {
            return "it starts or ends with '/'";
        }
        if (name[^1] == '.')
        {
            return "it ends with '.'";
        }
        foreach (var (sequence, why) in ForbiddenSequences)
        {
            if (name.Contains(sequence, StringComparison.Ordinal))
            {
                return why;
            }
        }
        foreach (var c in name)
        {
            if (CharacterProblem(c) is { } why)
            {
                return why;
            }
        }
        foreach (var part in name.Split('/'))
        {
            if (part.StartsWith('.'))
            {
                return $"the part '{part}' starts with '.'";
            }
            if (part.EndsWith(".lock", StringComparison.Ordinal))
            {
                return $"the part '{part}' ends with '.lock'";
            }
        }
        return null;
    }

    private static (string Sequence, string Why)[] ForbiddenSequences { get; } =
    [
        ("//", "it contains '//'"),
        ("..", "it contains '..'"),
        ("@{", "it contains '@{'"),
    ];

    private static string? CharacterProblem(char c) => c switch
    {
        ' ' => "it contains a space",
        < ' ' or '\x7f' => "it contains a control character",
        '~' or '^' or ':' or '?' or '*' or '[' or '\\' => $"it contains '{c}'",
        _ => null,
    };
}
