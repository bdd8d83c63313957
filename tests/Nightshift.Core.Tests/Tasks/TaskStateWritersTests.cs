using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Shouldly;
using Xunit;

namespace Nightshift.Core.Tests.Tasks;

/// <summary>
/// Only the task board writes a task's state: every other change would skip the lifecycle table,
/// the state-change event or the run's fence. Read from the engine's sources with the compiler, so
/// a <c>task.State = …</c> added anywhere else fails here.
/// </summary>
public sealed class TaskStateWritersTests
{
    private const string Board = "Tasks/TaskBoard.cs";

    [Fact]
    public void OnlyTheTaskBoard_WritesATasksState()
    {
        var core = Path.Combine(RepositoryRoot(), "src", "Nightshift.Core");
        var files = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(core, f).Replace('\\', '/'), File.ReadAllText);

        var writers = StateWrites(files);

        // The board's own write is found: the check resolves the engine's types, so an empty answer means something.
        writers.ShouldContain(w => w.StartsWith(Board + ":", StringComparison.Ordinal));
        writers.Where(w => !w.StartsWith(Board + ":", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void StateWrites_FindsAnAssignmentAndABulkUpdateOutsideTheBoard()
    {
        var core = Path.Combine(RepositoryRoot(), "src", "Nightshift.Core");
        var files = new Dictionary<string, string>
        {
            ["Storage/TaskRecord.cs"] = File.ReadAllText(Path.Combine(core, "Storage", "TaskRecord.cs")),
            ["Tasks/TaskState.cs"] = File.ReadAllText(Path.Combine(core, "Tasks", "TaskState.cs")),
            ["Runs/Sneaky.cs"] = """
                using Microsoft.EntityFrameworkCore;
                using Nightshift.Core.Storage;
                using Nightshift.Core.Tasks;
                namespace Nightshift.Core.Runs;
                public static class Sneaky
                {
                    public static void Fail(TaskRecord task) => task.State = TaskState.Failed;
                    public static Task<int> FailAll(IQueryable<TaskRecord> tasks) =>
                        tasks.ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TaskState.Failed));
                    public static TaskRecord New() => new() { Title = "t", State = TaskState.Queued };
                }
                """,
        };

        var writers = StateWrites(files);

        writers.Count(w => w.StartsWith("Runs/Sneaky.cs:", StringComparison.Ordinal)).ShouldBe(2, string.Join("\n", writers));
    }

    /// <summary>"file:line" of every write to <c>TaskRecord.State</c>: an assignment, or a bulk UPDATE's SetProperty. A new record's initializer is a creation, not a change.</summary>
    private static List<string> StateWrites(IReadOnlyDictionary<string, string> files)
    {
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Value, path: f.Key)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq;"
            + " global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;"));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Where(d => !d.EndsWith("Nightshift.Core.dll", StringComparison.Ordinal)))
            .DistinctBy(Path.GetFileName)
            .Select(d => MetadataReference.CreateFromFile(d));
        var compilation = CSharpCompilation.Create("core", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var taskRecord = compilation.GetTypeByMetadataName("Nightshift.Core.Storage.TaskRecord").ShouldNotBeNull();
        var state = taskRecord.GetMembers("State").Single();

        var found = new List<string>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                var written = node switch
                {
                    AssignmentExpressionSyntax a when a.Parent is not InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax } => a.Left,
                    // ExecuteUpdate's s.SetProperty(t => t.State, …) writes the column without loading the row.
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "SetProperty" } } call
                        when call.ArgumentList.Arguments.FirstOrDefault()?.Expression is LambdaExpressionSyntax { Body: ExpressionSyntax body } => body,
                    _ => null,
                };
                if (written is not null && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(written).Symbol, state))
                {
                    found.Add($"{tree.FilePath}:{written.GetLocation().GetLineSpan().StartLinePosition.Line + 1}");
                }
            }
        }
        return found;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nightshift.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Nightshift.slnx above {AppContext.BaseDirectory}: the test reads the engine's sources from the repository.");
    }
}
