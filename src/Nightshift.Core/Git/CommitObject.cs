namespace Nightshift.Core.Git;

/// <summary>The parts of a raw commit (<c>git cat-file commit</c>) a replay keeps.</summary>
internal sealed record CommitObject(string Tree, string? FirstParent, string AuthorName, string AuthorEmail, string AuthorDate, string Message)
{
    public static CommitObject Parse(string raw)
    {
        var split = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = split < 0 ? raw : raw[..split];
        var message = split < 0 ? string.Empty : raw[(split + 2)..];
        string tree = string.Empty, name = string.Empty, email = string.Empty, date = string.Empty;
        string? parent = null;
        foreach (var line in headers.Split('\n'))
        {
            if (line.StartsWith("tree ", StringComparison.Ordinal))
            {
                tree = line[5..];
            }
            else if (line.StartsWith("parent ", StringComparison.Ordinal))
            {
                parent ??= line[7..];
            }
            else if (line.StartsWith("author ", StringComparison.Ordinal))
            {
                (name, email, date) = ParseIdent(line[7..]);
            }
        }
        return new CommitObject(tree, parent, name, email, date, message);
    }

    public IReadOnlyDictionary<string, string?> AuthorEnvironment() => new Dictionary<string, string?>
    {
        ["GIT_AUTHOR_NAME"] = AuthorName,
        ["GIT_AUTHOR_EMAIL"] = AuthorEmail,
        ["GIT_AUTHOR_DATE"] = AuthorDate.Length == 0 ? null : AuthorDate,
    };

    // "Name <email> 1700000000 +0100"
    private static (string Name, string Email, string Date) ParseIdent(string ident)
    {
        var open = ident.IndexOf('<', StringComparison.Ordinal);
        var close = ident.LastIndexOf('>');
        if (open < 0 || close < open)
        {
            return (ident.Trim(), string.Empty, string.Empty);
        }
        var date = ident[(close + 1)..].Trim();
        return (ident[..open].Trim(), ident[(open + 1)..close], date.Length == 0 ? string.Empty : "@" + date);
    }
}
