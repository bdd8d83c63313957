using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Nightshift.Core.Agents.BuiltIn;

/// <summary>
/// The built-in agent's tools, declared to the model as M.E.AI functions and invoked here by the
/// session, one call at a time: the session owns the loop, so nothing runs behind its back.
/// </summary>
internal sealed class Toolbox
{
    public const string Finish = "finish";

    private readonly Dictionary<string, AIFunction> _functions;

    /// <summary>The tools that change the worktree or end the work, left out of a planning run.</summary>
    private static readonly HashSet<string> Changing = ["write_file", "edit_file", "run_command", Finish];

    /// <summary>The tools; a planning run (<paramref name="planOnly"/>) gets only those that read, report and ask, and its plan is the model's last reply.</summary>
    public Toolbox(FileTools files, SearchTool search, CommandTool commands, SessionTools session, bool planOnly = false)
    {
        AIFunction[] functions =
        [
            Tool("read_file", "Read a text file. Long files come in pages of lines: pass offset and limit to read on.",
                ([Description("Path relative to the worktree root")] string path,
                 [Description("First line to show, from 1")] int? offset = null,
                 [Description("How many lines to show (default 2000)")] int? limit = null,
                 CancellationToken ct = default) => files.ReadAsync(path, offset, limit, ct)),
            Tool("write_file", "Create or overwrite a file with the given content; missing folders are created.",
                ([Description("Path relative to the worktree root")] string path,
                 [Description("The whole new content of the file")] string content,
                 CancellationToken ct = default) => files.WriteAsync(path, content, ct)),
            Tool("edit_file", "Replace one exact occurrence of search with replace in a file. Fails when search is not found exactly once.",
                ([Description("Path relative to the worktree root")] string path,
                 [Description("The exact text to replace, copied from the file, whitespace included")] string search,
                 [Description("The text to put in its place")] string replace,
                 CancellationToken ct = default) => files.EditAsync(path, search, replace, ct)),
            Tool("list_files", "List a folder of the worktree (folders end with /).",
                ([Description("Folder relative to the worktree root; . for the root")] string path = ".",
                 [Description("Include everything below, not just the folder's own entries")] bool recursive = false) => files.List(path, recursive)),
            Tool("search", "Search text files for a regular expression; answers path:line: text, at most 200 matches.",
                ([Description(".NET regular expression")] string pattern,
                 [Description("File or folder to search, relative to the worktree root")] string path = ".",
                 [Description("Only files whose name matches, e.g. *.cs")] string? glob = null,
                 CancellationToken ct = default) => search.SearchAsync(pattern, path, glob, ct)),
            Tool("run_command", "Run a shell command (sh -c) in the worktree root, with a time limit. Answers the exit code and the output's last lines.",
                ([Description("The command line, e.g. dotnet test or npm test")] string command,
                 CancellationToken ct = default) => commands.RunAsync(command, ct)),
            Tool("report_progress", "Tell the developer how far along you are.",
                ([Description("Estimated percent done, 0-100")] int? percent,
                 [Description("One line on what was done or what comes next")] string line) => session.ReportProgressAsync(percent, line)),
            Tool("ask_question", "Ask the developer a question and wait for the answer. Only when you cannot go on without it.",
                ([Description("The question, with the options you see")] string question,
                 CancellationToken ct = default) => session.AskAsync(question, ct)),
            Tool("record_decision", "Record a decision you made and why, for the developer's review.",
                ([Description("What you decided")] string decision,
                 [Description("Why")] string? reason = null,
                 CancellationToken ct = default) => session.RecordDecisionAsync(decision, reason, ct)),
            Tool(Finish, "End the task: the work is done. Nightshift commits the worktree.",
                ([Description("What you changed and how you checked it")] string summary) => session.Finish(summary)),
        ];
        if (planOnly)
        {
            functions = [.. functions.Where(f => !Changing.Contains(f.Name))];
        }
        _functions = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
        Tools = functions;
    }

    public IReadOnlyList<AIFunction> Tools { get; }

    public async Task<ToolOutcome> InvokeAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        if (!_functions.TryGetValue(call.Name, out var function))
        {
            return new ToolOutcome($"there is no tool '{call.Name}'; use one of {string.Join(", ", _functions.Keys)}", IsError: true);
        }
        if (call.Exception is { } malformed)
        {
            return new ToolOutcome($"the arguments for {call.Name} are not a valid JSON object: {malformed.Message}", IsError: true);
        }
        try
        {
            var result = await function.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken);
            return new ToolOutcome(result as string ?? Convert.ToString(result, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, IsError: false);
        }
        catch (Exception ex) when (ex is ToolException or ArgumentException or JsonException or FormatException or IOException or UnauthorizedAccessException)
        {
            // Wrong arguments, a missing file, a refused path: the model reads the error and tries again.
            return new ToolOutcome(ex.Message, IsError: true);
        }
    }

    private static AIFunction Tool(string name, string description, Delegate method) =>
        AIFunctionFactory.Create(method, new AIFunctionFactoryOptions
        {
            Name = name,
            Description = description,
            ExcludeResultSchema = true,
            // Tools answer in plain text; the default would wrap it as a JSON string.
            MarshalResult = static (result, _, _) => new ValueTask<object?>(result),
        });
}
