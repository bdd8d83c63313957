using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Nightshift.Dashboard.Tests;

/// <summary>What went wrong in a page (console errors, failed requests, 4xx/5xx responses), for failure messages.</summary>
public static class PageProblems
{
    private static readonly ConditionalWeakTable<IPage, List<string>> Seen = [];

    public static void Watch(IPage page)
    {
        var problems = Seen.GetOrCreateValue(page);
        void Add(string line)
        {
            lock (problems)
            {
                problems.Add(line);
            }
        }
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                Add($"console {m.Type}: {m.Text}");
            }
        };
        page.RequestFailed += (_, r) => Add($"request failed: {r.Url} {r.Failure}");
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                Add($"HTTP {r.Status}: {r.Url}");
            }
        };
    }

    public static IReadOnlyList<string> Of(IPage page)
    {
        if (!Seen.TryGetValue(page, out var problems))
        {
            return ["(page not watched)"];
        }
        lock (problems)
        {
            return [.. problems];
        }
    }
}
