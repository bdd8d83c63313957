using Nightshift.Core.Git;
using Nightshift.Core.Merging;
using Nightshift.Core.Workspaces;
using Nightshift.Testing;
using Shouldly;
using Xunit;
namespace Nightshift.Core.Tests.Workspaces;

/// <summary>A real repository with `main` checked out, a folder for task worktrees, and the engine parts.</summary>
internal sealed class Workbench : IDisposable
{
    private readonly TempDirectory _worktrees = new("worktrees");

    public Workbench()
    {
        Repo = GitRepo.Create();
        Manager = new WorktreeManager(Git, TimeProvider.System, TimeSpan.FromSeconds(30));
        Merger = new MergeEngine(Git);
    }

    public GitRepo Repo { get; }

    public GitCli Git { get; } = new();

    public WorktreeManager Manager { get; }

    public MergeEngine Merger { get; }

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public string WorktreePath(string name) => _worktrees.Combine(name);

    public Task<Worktree> CreateAsync(string branch, string? setupScript = null) =>
        Manager.CreateAsync(Repo.Path, WorktreePath(branch), branch, "main", setupScript, Cancel);

    /// <summary>A task branch with one engine commit writing the given files.</summary>
    public async Task<Worktree> TaskWithFilesAsync(string branch, params (string Path, string Content)[] files)
    {
        var worktree = await CreateAsync(branch);
        foreach (var (path, content) in files)
        {
            Write(worktree, path, content);
        }
        (await Manager.CommitAllAsync(worktree, $"work on {branch}", Cancel)).ShouldNotBeNull();
        return worktree;
    }

    public static void Write(Worktree worktree, string relative, string content)
    {
        var full = System.IO.Path.Combine(worktree.Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    /// <summary>Runs git through the hardened runner (so no test payload fires) and returns trimmed stdout.</summary>
    public async Task<string> GitAsync(string workingDirectory, params string[] args) =>
        (await Git.RunCheckedAsync(workingDirectory, args, Cancel)).StdOut.Trim();

    public Task<string> RepoGitAsync(params string[] args) => GitAsync(Repo.Path, args);

    public async Task<bool> IsAncestorAsync(string ancestor, string descendant) =>
        (await Git.RunAsync(Repo.Path, ["merge-base", "--is-ancestor", ancestor, descendant], Cancel)).ExitCode == 0;

    public async Task<bool> BranchExistsAsync(string branch) =>
        (await Git.RunAsync(Repo.Path, ["rev-parse", "--verify", "--quiet", "refs/heads/" + branch], Cancel)).Succeeded;

    public void Dispose()
    {
        _worktrees.Dispose();
        Repo.Dispose();
    }
}
