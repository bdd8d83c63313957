using System.Globalization;

namespace Nightshift.Core.Specs;

/// <summary>
/// Reads <c>depends_on</c>: task ids (positive numbers) or task names. Ids come back in canonical
/// form ("007" becomes "7") so the dispatcher can tell them from names by their digits alone.
/// </summary>
internal static class Dependencies
{
    public static IReadOnlyList<string> Read(YamlFields fields, string? ownName)
    {
        var items = fields.Items(SpecFields.DependsOn, "task id or name") ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var item in items)
        {
            var text = item.Text.Trim();
            if (Problem(text, out var dependency) is { } problem)
            {
                fields.Error(item, SpecFields.DependsOn, problem);
            }
            else if (dependency == ownName)
            {
                fields.Error(item, SpecFields.DependsOn, $"'{text}' is this task's own name; a task cannot depend on itself");
            }
            else if (!seen.Add(dependency))
            {
                fields.Error(item, SpecFields.DependsOn, $"'{text}' is listed twice; remove one");
            }
            else
            {
                result.Add(dependency);
            }
        }
        return result;
    }

    private static string? Problem(string text, out string dependency)
    {
        dependency = text;
        var digits = text.TrimStart('#', '-');
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            if (digits.Length < text.Length)
            {
                return $"'{text}' is not a task id; write ids as plain positive numbers, e.g. {digits.TrimStart('0')}";
            }
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return $"'{text}' is not a task id; ids are positive numbers starting at 1";
            }
            dependency = id.ToString(CultureInfo.InvariantCulture);
            return null;
        }
        return TaskName.IsValid(text, out var reason)
            ? null
            : $"entries are task ids (e.g. 12) or task names (e.g. fix-login): {reason}";
    }
}
