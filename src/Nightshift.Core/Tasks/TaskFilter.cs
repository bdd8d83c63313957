using System.Globalization;
using Nightshift.Core.Projects;

namespace Nightshift.Core.Tasks;

/// <summary>
/// Which tasks a list shows; each part null for "any". One filter behind GET /api/tasks, `nightshift ls`,
/// the MCP list_tasks tool and the dashboard's board, and <see cref="Parse"/> the one place its words
/// become a filter, so all of them take and refuse the same input.
/// </summary>
/// <param name="State">Only tasks in this state.</param>
/// <param name="Project">Only tasks of this project, by id or name.</param>
/// <param name="Label">Only tasks with this label (as the spec's <c>labels:</c> spell it).</param>
/// <param name="Agent">Only tasks for this agent (as the spec's <c>agent:</c> names it).</param>
public sealed record TaskFilter(TaskState? State = null, string? Project = null, string? Label = null, string? Agent = null)
{
    /// <summary>No filter: every task.</summary>
    public static TaskFilter All { get; } = new();

    public bool IsEmpty => State is null && Project is null && Label is null && Agent is null;

    /// <summary>A filter from its words as a person or a query string gives them; a blank part means "any".</summary>
    /// <exception cref="ArgumentException">The state is not a task state; the message lists the states.</exception>
    public static TaskFilter Parse(string? state, string? project = null, string? label = null, string? agent = null) =>
        new(Blank(state) is { } s ? ParseState(s) : null, Blank(project), Blank(label), Blank(agent));

    /// <summary>
    /// A task state by its name, in any case, with or without dashes, underscores or spaces
    /// (<c>InReview</c>, <c>in-review</c>, <c>needs input</c>). Numbers are refused: they are no state's name.
    /// </summary>
    /// <exception cref="ArgumentException">Not a task state; the message lists the states.</exception>
    public static TaskState ParseState(string text)
    {
        var key = new string([.. text.Where(c => c is not ('-' or '_' or ' '))]);
        foreach (var state in Enum.GetValues<TaskState>())
        {
            if (string.Equals(state.ToString(), key, StringComparison.OrdinalIgnoreCase))
            {
                return state;
            }
        }
        throw new ArgumentException($"'{text.Trim()}' is not a task state; use one of {string.Join(", ", Enum.GetNames<TaskState>())}.");
    }

    /// <summary>Whether a task with these parts passes; the project matches by name or by id.</summary>
    public bool Matches(TaskState state, ProjectId projectId, string projectName, string agent, IEnumerable<string> labels) =>
        (State is null || State == state)
        && (Project is null || string.Equals(Project, projectName, StringComparison.Ordinal)
            || string.Equals(Project, projectId.Value.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        && (Agent is null || string.Equals(Agent, agent, StringComparison.Ordinal))
        && (Label is null || labels.Contains(Label, StringComparer.Ordinal));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
