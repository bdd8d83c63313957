using System.Text;

namespace Nightshift.Core.Specs;

/// <summary>
/// A task's stable handle: lowercase letters, digits and dashes, 1 to 64 characters, starting and
/// ending with a letter or digit. Not all digits, because a bare number always means a task id.
/// </summary>
public static class TaskName
{
    public const int MaxLength = 64;

    public static bool IsValid(string name, out string reason)
    {
        reason = Problem(name) ?? string.Empty;
        return reason.Length == 0;
    }

    private static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "a name cannot be empty";
        }
        if (name.Length > MaxLength)
        {
            return $"'{name}' is {name.Length} characters long; use at most {MaxLength}";
        }
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return $"'{name}' may only contain lowercase letters, digits and dashes{Suggest(name)}";
        }
        if (name[0] == '-' || name[^1] == '-')
        {
            return $"'{name}' must start and end with a letter or digit{Suggest(name)}";
        }
        if (name.All(char.IsAsciiDigit))
        {
            return $"'{name}' is all digits, which reads as a task id; add a letter, e.g. 'task-{name}'";
        }
        return null;
    }

    private static string Suggest(string name) =>
        Slug(name) is { Length: > 0 } slug && !slug.All(char.IsAsciiDigit) ? $"; try '{slug}'" : string.Empty;

    /// <summary>"Fix Login!" becomes "fix-login": lowercase, runs of other characters become one dash.</summary>
    private static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        return result.Length > MaxLength ? result[..MaxLength].TrimEnd('-') : result;
    }
}
