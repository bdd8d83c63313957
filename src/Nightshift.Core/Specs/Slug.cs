using System.Text;

namespace Nightshift.Core.Specs;

/// <summary>Makes the readable part of a branch name from a title: lowercase words joined by dashes.</summary>
public static class Slug
{
    public const int MaxLength = 40;

    public static string From(string title)
    {
        var sb = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
            if (sb.Length >= MaxLength)
            {
                break;
            }
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "task" : slug;
    }
}
