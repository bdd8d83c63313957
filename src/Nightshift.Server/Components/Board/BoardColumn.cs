using MudBlazor;
using Nightshift.Core.Tasks;

namespace Nightshift.Server.Components.Board;

/// <summary>One column of the board: the states whose tasks it holds, the first of which is its own.</summary>
public sealed record BoardColumn(string Key, string Title, Color Color, IReadOnlyList<TaskState> States);
