using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Nightshift.Server.Components.TaskView;

/// <summary>
/// A spec's Markdown (or an agent's plan) as HTML for the page. Raw HTML in it is shown as text and
/// links go only to web, mail or relative addresses: a spec can come from anyone who can add a task,
/// and a plan from whatever the agent read.
/// </summary>
public static class SpecMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .DisableHtml()
        .Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown ?? string.Empty, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }
        return document.ToHtml(Pipeline);
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url) || !url.Contains(':', StringComparison.Ordinal))
        {
            return true;
        }
        return url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
    }
}
