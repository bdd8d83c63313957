using System.Text;

namespace Nightshift.Core.Git;

/// <summary>
/// An engine-owned git directory that borrows a repository's object store, for every engine command
/// that reads or writes working-tree content, merges or diffs.
/// </summary>
/// <remarks>
/// Git always reads the repository's own <c>config</c> and <c>info/attributes</c>, which every agent
/// worktree shares and can write. Here <c>GIT_DIR</c> points at a fresh private folder whose config the
/// engine writes (line-ending and file-mode values only), so no filter, merge or diff driver, hook or
/// fsmonitor named anywhere by an agent exists for the command; <c>.gitattributes</c> that name such
/// drivers fall back to git's built-in behaviour. Objects are read from and written to the real store
/// (<c>GIT_OBJECT_DIRECTORY</c>); refs are not visible here, so callers pass commit ids and move refs
/// in the real repository by compare-and-swap.
/// </remarks>
internal sealed class SealedGitDirectory : IDisposable
{
    private readonly GitCli _git;
    private readonly string _dir;
    private readonly string? _workTree;
    private readonly Dictionary<string, string?> _environment;

    private SealedGitDirectory(GitCli git, string dir, string? workTree, string objectsDir, string? borrowedObjects)
    {
        _git = git;
        _dir = dir;
        _workTree = workTree;
        _environment = new Dictionary<string, string?>
        {
            ["GIT_DIR"] = dir,
            ["GIT_OBJECT_DIRECTORY"] = objectsDir,
            ["GIT_INDEX_FILE"] = IndexFile,
            ["GIT_WORK_TREE"] = workTree,
            ["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = borrowedObjects,
        };
    }

    public string IndexFile => Path.Combine(_dir, "index");

    /// <summary>The folder itself, for a command that names this directory as a repository (a fetch source).</summary>
    public string Dir => _dir;

    /// <summary>Points a branch of this directory at a commit; used to offer one commit to a fetch.</summary>
    public void SetBranch(string branch, string commit)
    {
        var file = Path.Combine(_dir, "refs", "heads", branch);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, commit + "\n");
    }

    /// <summary>Creates the private git directory, with HEAD at <paramref name="head"/> (or unborn).</summary>
    public static SealedGitDirectory Create(GitCli git, GitRepository repository, string? workTree, string? head) =>
        Create(git, repository, workTree, head, null);

    /// <summary>
    /// As <see cref="Create(GitCli, GitRepository, string?, string?)"/>, also reading objects from
    /// <paramref name="borrowedObjects"/> (a task's own object store). New objects still go to the
    /// repository's store, and the repository's objects are found first, so an object the task wrote
    /// under a name the repository already has is never the one read.
    /// </summary>
    public static SealedGitDirectory Create(GitCli git, GitRepository repository, string? workTree, string? head, string? borrowedObjects)
    {
        // CreateTempSubdirectory makes the folder readable and writable by this user only.
        var dir = Directory.CreateTempSubdirectory("nightshift-git-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "refs", "heads"));
            Directory.CreateDirectory(Path.Combine(dir, "refs", "tags"));
            Directory.CreateDirectory(Path.Combine(dir, "objects"));
            Directory.CreateDirectory(Path.Combine(dir, "info"));
            File.WriteAllText(Path.Combine(dir, "HEAD"), head is null ? "ref: refs/heads/nightshift-sealed\n" : head + "\n");
            File.WriteAllText(Path.Combine(dir, "config"), BuildConfig(repository, bare: workTree is null, borrowing: borrowedObjects is not null));
            // Written as a file too, not only in the environment: git fetch clears the environment of the
            // upload-pack it starts in this folder when the folder is the source of a fetch.
            Directory.CreateDirectory(Path.Combine(dir, "objects", "info"));
            File.WriteAllText(
                Path.Combine(dir, "objects", "info", "alternates"),
                borrowedObjects is null ? repository.ObjectsDir + "\n" : $"{repository.ObjectsDir}\n{borrowedObjects}\n");
            if (repository.InfoExclude is not null)
            {
                File.WriteAllText(Path.Combine(dir, "info", "exclude"), repository.InfoExclude);
            }
            return new SealedGitDirectory(git, dir, workTree, repository.ObjectsDir, borrowedObjects);
        }
        catch
        {
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    public Task<GitResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(arguments, null, null, cancellationToken);

    public Task<GitResult> RunAsync(
        IReadOnlyList<string> arguments, string? standardInput, IReadOnlyDictionary<string, string?>? environment, CancellationToken cancellationToken) =>
        _git.RunAsync(_workTree ?? _dir, arguments, Options(standardInput, environment), cancellationToken);

    public Task<GitResult> RunCheckedAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunCheckedAsync(arguments, null, null, cancellationToken);

    public Task<GitResult> RunCheckedAsync(
        IReadOnlyList<string> arguments, string? standardInput, IReadOnlyDictionary<string, string?>? environment, CancellationToken cancellationToken) =>
        _git.RunCheckedAsync(_workTree ?? _dir, arguments, Options(standardInput, environment), cancellationToken);

    /// <summary>Runs a command that prints one object id, and returns it.</summary>
    public Task<string> ReadIdAsync(IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken) =>
        ReadIdAsync(arguments, standardInput, null, cancellationToken);

    public async Task<string> ReadIdAsync(
        IReadOnlyList<string> arguments, string? standardInput, IReadOnlyDictionary<string, string?>? environment, CancellationToken cancellationToken) =>
        (await RunCheckedAsync(arguments, standardInput, environment, cancellationToken)).StdOut.Trim();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind holds no secret and no work; the OS temp cleaner removes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private GitRunOptions Options(string? standardInput, IReadOnlyDictionary<string, string?>? environment)
    {
        var env = new Dictionary<string, string?>(_environment);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }
        return new GitRunOptions { StandardInput = standardInput, Environment = env, EngineOwnedConfig = true };
    }

    private static string BuildConfig(GitRepository repository, bool bare, bool borrowing)
    {
        var sha256 = string.Equals(repository.ObjectFormat, "sha256", StringComparison.Ordinal);
        var config = new StringBuilder()
            .Append("[core]\n")
            .Append("\trepositoryformatversion = ").Append(sha256 ? "1" : "0").Append('\n')
            .Append("\tbare = ").Append(bare ? "true" : "false").Append('\n')
            .Append("\tlogallrefupdates = false\n");
        foreach (var (key, value) in repository.ContentConfig)
        {
            config.Append('\t').Append(key["core.".Length..]).Append(" = ").Append(Quote(value)).Append('\n');
        }
        if (borrowing)
        {
            // A task's object store may carry a commit-graph, multi-pack index or bitmap written by the
            // agent; any of them could misstate history, so only the objects themselves are read.
            config.Append("\tcommitGraph = false\n\tmultiPackIndex = false\n[pack]\n\tuseBitmaps = false\n[uploadpack]\n\tallowAnySHA1InWant = false\n");
        }
        if (sha256)
        {
            config.Append("[extensions]\n\tobjectformat = sha256\n");
        }
        return config.ToString();
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
