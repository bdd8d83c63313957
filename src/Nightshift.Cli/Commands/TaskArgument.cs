using System.CommandLine;

namespace Nightshift.Cli.Commands;

/// <summary>The task an action applies to: its id (12 or #12) or its name.</summary>
internal static class TaskArgument
{
    public static Argument<string> Create() => new("task") { Description = "The task's id or name" };
}
