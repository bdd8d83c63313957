namespace Nightshift.Client;

/// <summary>
/// Which tasks to list (the query parameters of <c>GET /api/tasks</c>); each part null for "any",
/// and <c>default</c> lists every task.
/// </summary>
/// <param name="State">Only tasks in this state, by name in any case (<c>InReview</c>, <c>in-review</c>); an unknown state is refused with the list of states.</param>
/// <param name="Project">Only tasks of this project, by id or name; an unknown project is refused.</param>
/// <param name="Label">Only tasks with this label.</param>
/// <param name="Agent">Only tasks for this agent.</param>
public readonly record struct TaskListQuery(string? State = null, string? Project = null, string? Label = null, string? Agent = null);
