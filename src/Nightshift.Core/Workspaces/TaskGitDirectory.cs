using System.Text;

using Nightshift.Core.Git;
namespace Nightshift.Core.Workspaces;

/// <summary>
/// The git directory of one task checkout (<c>.git</c> in its folder): refs, config, hooks and index
/// of the task's own, and objects borrowed from the repository through <c>objects/info/alternates</c>,
/// so nothing large is copied. The agent may do anything here; none of it is the user's repository.
/// </summary>
/// <remarks>
/// The engine wrote every file here, so it knows what each should hold: <see cref="InspectAsync"/> lists
/// what the agent changed (config, hooks, info files, alternates), and <see cref="Restore"/> puts back
/// the engine's own before any engine command runs here, so that a user who later opens the task
/// folder finds nothing planted. Engine commands here run with an explicit <c>GIT_DIR</c> and touch
/// refs only; content work runs in a <see cref="SealedGitDirectory"/> that borrows this store.
/// </remarks>
internal sealed class TaskGitDirectory
{
    // Files in info/ that git itself writes (update-server-info during a gc) or that only steer
    // which files the agent's own commands ignore; anything else there is reported.
    private static readonly HashSet<string> PlainInfoFiles = new(StringComparer.Ordinal) { "exclude", "refs" };

    private readonly GitCli _git;
    private readonly GitRepository _repository;

    private TaskGitDirectory(GitCli git, GitRepository repository, string workTree)
    {
        _git = git;
        _repository = repository;
        WorkTree = workTree;
    }

    public string WorkTree { get; }

    public string Dir => Path.Combine(WorkTree, ".git");

    public string ObjectsDir => Path.Combine(Dir, "objects");

    public static TaskGitDirectory Of(GitCli git, GitRepository repository, string workTree) => new(git, repository, workTree);

    /// <summary>Whether <paramref name="workTree"/> holds a git directory of its own (not a link, not a worktree's <c>.git</c> file).</summary>
    public static bool IsPresent(string workTree)
    {
        var dir = new DirectoryInfo(Path.Combine(workTree, ".git"));
        return dir.Exists && dir.LinkTarget is null;
    }

    /// <summary>Writes a fresh git directory whose HEAD is <paramref name="branch"/> (unborn until <see cref="SetBranchAsync"/>).</summary>
    public void Create(string branch)
    {
        Directory.CreateDirectory(Path.Combine(Dir, "refs", "heads"));
        Directory.CreateDirectory(Path.Combine(Dir, "refs", "tags"));
        Directory.CreateDirectory(Path.Combine(ObjectsDir, "info"));
        Directory.CreateDirectory(Path.Combine(Dir, "hooks"));
        Directory.CreateDirectory(Path.Combine(Dir, "info"));
        File.WriteAllText(Path.Combine(Dir, "HEAD"), $"ref: {RefNames.BranchPrefix}{branch}\n");
        WriteEngineFiles();
    }

    /// <summary>
    /// Throws when a part of the git directory that engine commands write through was replaced by a
    /// link: writing there could land in another repository, the user's included.
    /// </summary>
    public void EnsureShape()
    {
        if (!IsPresent(WorkTree))
        {
            throw new WorkspaceException($"The task folder '{WorkTree}' no longer has a git directory of its own (.git is missing, a file or a link); the engine commits nothing there.");
        }
        string[] parts = ["HEAD", "config", "objects", "refs", Path.Combine("refs", "heads"), "hooks", "info", "index"];
        var linked = parts.Where(p => new FileInfo(Path.Combine(Dir, p)).LinkTarget is not null).ToList();
        if (linked.Count > 0)
        {
            throw new WorkspaceException(
                $"In the task folder '{WorkTree}', .git/{string.Join(", .git/", linked)} was replaced by a link; the engine commits nothing there.");
        }
    }

    /// <summary>What differs from the engine's own git directory: one line per changed part, empty when nothing does.</summary>
    public async Task<IReadOnlyList<string>> InspectAsync(CancellationToken cancellationToken)
    {
        var findings = new List<string>();
        var configFile = Path.Combine(Dir, "config");
        var actual = File.Exists(configFile) ? await File.ReadAllTextAsync(configFile, cancellationToken) : null;
        if (!string.Equals(actual, EngineConfig(), StringComparison.Ordinal))
        {
            var keys = actual is null ? [] : await ChangedKeysAsync(configFile, cancellationToken);
            findings.Add(actual is null
                ? "its git config was deleted"
                : keys.Count == 0 ? "its git config was rewritten" : $"its git config set {string.Join(", ", keys)}");
        }
        var hooks = Path.Combine(Dir, "hooks");
        if (Directory.Exists(hooks) && Directory.EnumerateFileSystemEntries(hooks).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } names)
        {
            findings.Add($"it added git hooks: {string.Join(", ", names)}");
        }
        var info = Path.Combine(Dir, "info");
        if (Directory.Exists(info)
            && Directory.EnumerateFileSystemEntries(info).Select(Path.GetFileName).Where(n => !PlainInfoFiles.Contains(n!)).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } extra)
        {
            findings.Add($"it wrote .git/info/{string.Join(", .git/info/", extra)}");
        }
        var alternates = Path.Combine(ObjectsDir, "info", "alternates");
        var borrowed = File.Exists(alternates) ? await File.ReadAllTextAsync(alternates, cancellationToken) : null;
        if (!string.Equals(borrowed, EngineAlternates(), StringComparison.Ordinal))
        {
            findings.Add("it changed where its objects are borrowed from (.git/objects/info/alternates)");
        }
        return findings;
    }

    /// <summary>Puts back the engine's config, alternates and info files, and removes every hook.</summary>
    public void Restore()
    {
        foreach (var path in Directory.Exists(Path.Combine(Dir, "hooks")) ? Directory.EnumerateFileSystemEntries(Path.Combine(Dir, "hooks")).ToList() : [])
        {
            RemoveEntry(path);
        }
        foreach (var path in Directory.Exists(Path.Combine(Dir, "info")) ? Directory.EnumerateFileSystemEntries(Path.Combine(Dir, "info")).ToList() : [])
        {
            if (!PlainInfoFiles.Contains(Path.GetFileName(path)) || new FileInfo(path).LinkTarget is not null)
            {
                RemoveEntry(path);
            }
        }
        Directory.CreateDirectory(Path.Combine(Dir, "hooks"));
        Directory.CreateDirectory(Path.Combine(ObjectsDir, "info"));
        WriteEngineFiles();
    }

    /// <summary>The branch HEAD names, or null when HEAD is detached or unreadable.</summary>
    public async Task<string?> HeadRefAsync(CancellationToken cancellationToken)
    {
        var head = await RunAsync(["symbolic-ref", "-q", "HEAD"], cancellationToken);
        return head.Succeeded ? head.StdOut.Trim() : null;
    }

    public async Task<string?> BranchTipAsync(string branch, CancellationToken cancellationToken)
    {
        var result = await RunAsync(["rev-parse", "--verify", "--quiet", "--end-of-options", RefNames.BranchPrefix + branch + "^{commit}"], cancellationToken);
        return result.Succeeded ? result.StdOut.Trim() : null;
    }

    /// <summary>Moves a branch of the task's git directory by compare-and-swap (an empty <paramref name="old"/> creates it).</summary>
    public Task<GitResult> SetBranchAsync(string branch, string commit, string old, CancellationToken cancellationToken) =>
        RunAsync(["update-ref", "-m", "nightshift", RefNames.BranchPrefix + branch, commit, old], cancellationToken);

    /// <summary>Makes an index built elsewhere this checkout's index; false when git held its lock throughout.</summary>
    public async Task<bool> InstallIndexAsync(string sourceIndex, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var indexLock = await IndexLock.AcquireAsync(Dir, timeProvider, cancellationToken);
        if (indexLock is null)
        {
            return false;
        }
        indexLock.Commit(sourceIndex);
        return true;
    }

    private Task<GitResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        _git.RunAsync(WorkTree, arguments, new GitRunOptions { Environment = new Dictionary<string, string?> { ["GIT_DIR"] = Dir } }, cancellationToken);

    private void WriteEngineFiles()
    {
        Replace(Path.Combine(Dir, "config"), EngineConfig());
        Replace(Path.Combine(ObjectsDir, "info", "alternates"), EngineAlternates());
        if (_repository.InfoExclude is not null)
        {
            Replace(Path.Combine(Dir, "info", "exclude"), _repository.InfoExclude);
        }
    }

    // Borrowing the repository's objects is safe against `git gc` there only for objects it can
    // reach: the base commit (on the base branch) and the task branch, which the engine fetches into
    // the repository after each checkpoint. What the agent writes lives in this folder's own store.
    private string EngineAlternates() => _repository.ObjectsDir + "\n";

    private string EngineConfig()
    {
        var sha256 = string.Equals(_repository.ObjectFormat, "sha256", StringComparison.Ordinal);
        var config = new StringBuilder()
            .Append("[core]\n")
            .Append("\trepositoryformatversion = ").Append(sha256 ? "1" : "0").Append('\n')
            .Append("\tbare = false\n")
            .Append("\tlogallrefupdates = true\n");
        foreach (var (key, value) in _repository.ContentConfig)
        {
            config.Append('\t').Append(key["core.".Length..]).Append(" = \"")
                .Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
                .Append("\"\n");
        }
        if (sha256)
        {
            config.Append("[extensions]\n\tobjectformat = sha256\n");
        }
        return config.ToString();
    }

    private async Task<IReadOnlyList<string>> ChangedKeysAsync(string configFile, CancellationToken cancellationToken)
    {
        // --file reads that one file and follows no include, so reading it runs nothing.
        var listed = await _git.RunAsync(Path.GetTempPath(), ["config", "--file", configFile, "-z", "--list"], cancellationToken);
        if (!listed.Succeeded)
        {
            return [];
        }
        var expected = await ExpectedEntriesAsync(cancellationToken);
        return listed.StdOut.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(e => !expected.Contains(e))
            .Select(e => e.Split('\n', 2)[0])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private async Task<HashSet<string>> ExpectedEntriesAsync(CancellationToken cancellationToken)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, EngineConfig(), cancellationToken);
            var listed = await _git.RunAsync(Path.GetTempPath(), ["config", "--file", file, "-z", "--list"], cancellationToken);
            return new HashSet<string>(listed.StdOut.Split('\0', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    // A link is removed, never written through: it may point into another repository.
    private static void Replace(string path, string content)
    {
        RemoveEntry(path);
        File.WriteAllText(path, content);
    }

    private static void RemoveEntry(string path)
    {
        var entry = new FileInfo(path);
        if (entry.LinkTarget is not null || File.Exists(path))
        {
            entry.Delete();
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
